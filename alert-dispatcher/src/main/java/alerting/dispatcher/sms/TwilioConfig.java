package alerting.dispatcher.sms;

import alerting.dispatcher.system.DispatcherSettings;
import com.twilio.http.TwilioRestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class TwilioConfig {

  /** Real Twilio unless an API base URL is configured (the local stand-in). */
  @Bean
  TwilioRestClient twilioRestClient(DispatcherSettings settings) {
    var twilio = settings.twilio();
    var builder = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken());
    if (twilio.apiBaseUrl() != null) {
      builder.httpClient(new RoutingTwilioHttpClient(twilio.apiBaseUrl()));
    }
    return builder.build();
  }
}
