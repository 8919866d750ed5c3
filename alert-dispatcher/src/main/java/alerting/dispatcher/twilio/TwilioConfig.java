package alerting.dispatcher.twilio;

import alerting.dispatcher.system.DispatcherSettings;
import com.twilio.http.TwilioRestClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class TwilioConfig {

  /** Real Twilio unless an API base URL is configured (the local stand-in). */
  @Bean
  @ConditionalOnMissingBean
  TwilioRestClient twilioRestClient(DispatcherSettings settings) {
    var twilio = settings.twilio();
    var builder = new TwilioRestClient.Builder(twilio.accountSid(), twilio.authToken());
    var standIn = twilio.apiBaseUrl() != null && !twilio.apiBaseUrl().toString().isBlank();
    builder.httpClient(
        standIn ? new RoutingTwilioHttpClient(twilio.apiBaseUrl()) : new SingleAttemptHttpClient());
    return builder.build();
  }
}
