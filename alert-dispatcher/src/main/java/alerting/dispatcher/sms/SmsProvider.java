package alerting.dispatcher.sms;

import alerting.dispatcher.links.AckLinkFactory;
import alerting.dispatcher.links.SigningLinkFactory;
import alerting.dispatcher.sending.ChannelProvider;
import alerting.dispatcher.sending.ProviderResult;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.dispatcher.twilio.TwilioFailures;
import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;
import com.twilio.exception.TwilioException;
import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.rest.api.v2010.account.MessageCreator;
import com.twilio.type.PhoneNumber;
import java.net.URI;
import org.springframework.stereotype.Component;

/**
 * Texts through Twilio's Messages API, from the sender {@link SmsSenders} picks for the destination
 * (messaging service, the country's number or short code, or one of the pool); Twilio reports
 * delivery to the ack-receiver.
 */
@Component
class SmsProvider implements ChannelProvider {
  private final TwilioRestClient twilio;
  private final AckLinkFactory links;
  private final SigningLinkFactory signingLinks;
  private final SmsSenders senders;

  SmsProvider(
      TwilioRestClient twilio,
      AckLinkFactory links,
      SigningLinkFactory signingLinks,
      DispatcherSettings settings) {
    this.twilio = twilio;
    this.links = links;
    this.signingLinks = signingLinks;
    this.senders = new SmsSenders(settings.twilio());
  }

  @Override
  public Channel channel() {
    return Channel.SMS;
  }

  @Override
  public ProviderResult send(DeliveryRequested delivery) {
    var body =
        AlertSms.render(
            delivery, links.linkFor(delivery), signingLinks.signingLinkFor(delivery).orElse(null));
    return text(delivery.method().address(), body, links.statusCallback(delivery));
  }

  @Override
  public ProviderResult send(FollowUpRequested followUp) {
    return text(followUp.method().address(), AlertSms.followUp(followUp), null);
  }

  private ProviderResult text(String to, String body, URI statusCallback) {
    try {
      var sender = senders.senderFor(to);
      MessageCreator creator =
          sender.messagingServiceSid() == null
              ? Message.creator(new PhoneNumber(to), new PhoneNumber(sender.from()), body)
              : Message.creator(new PhoneNumber(to), sender.messagingServiceSid(), body);
      if (statusCallback != null) {
        creator.setStatusCallback(statusCallback);
      }
      return new ProviderResult.Accepted(creator.create(twilio).getSid());
    } catch (TwilioException e) {
      return TwilioFailures.classify(e);
    }
  }
}
