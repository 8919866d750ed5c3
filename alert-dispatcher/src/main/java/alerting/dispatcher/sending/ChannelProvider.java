package alerting.dispatcher.sending;

import alerting.events.Channel;
import alerting.events.DeliveryRequested;
import alerting.events.FollowUpRequested;

/** One channel's provider: renders the message and hands it over; never throws for a send. */
public interface ChannelProvider {
  Channel channel();

  ProviderResult send(DeliveryRequested delivery);

  ProviderResult send(FollowUpRequested followUp);
}
