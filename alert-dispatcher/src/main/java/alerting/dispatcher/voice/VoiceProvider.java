package alerting.dispatcher.voice;

import alerting.dispatcher.links.AckLinkFactory;
import alerting.dispatcher.sending.ChannelProvider;
import alerting.dispatcher.sending.ProviderResult;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.dispatcher.twilio.TwilioFailures;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import com.twilio.type.PhoneNumber;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Places alert calls from the configured caller id. Twilio fetches what to say from the
 * ack-receiver (which gathers the keypress), detects answering machines and reports the call's
 * progress to the ack-receiver.
 */
@Component
class VoiceProvider implements ChannelProvider {
  private final TwilioRestClient twilio;
  private final AckLinkFactory links;
  private final String callerId;

  VoiceProvider(TwilioRestClient twilio, AckLinkFactory links, DispatcherSettings settings) {
    this.twilio = twilio;
    this.links = links;
    this.callerId = settings.twilio().callerId();
  }

  @Override
  public Channel channel() {
    return Channel.VOICE;
  }

  @Override
  public ProviderResult send(DeliveryRequested delivery) {
    try {
      var call =
          Call.creator(
                  new PhoneNumber(delivery.method().address()),
                  new PhoneNumber(callerId),
                  links.voiceUrl(delivery))
              .setStatusCallback(links.statusCallback(delivery))
              .setStatusCallbackEvent(List.of("initiated", "ringing", "answered", "completed"))
              .setMachineDetection("Enable")
              .create(twilio);
      return new ProviderResult.Accepted(call.getSid());
    } catch (TwilioException e) {
      return TwilioFailures.classify(e);
    }
  }

  /** Follow-ups are news, not alarms: nobody is rung up for them. */
  @Override
  public ProviderResult send(FollowUpRequested followUp) {
    return new ProviderResult.Permanent("follow-ups are not sent by phone call");
  }
}
