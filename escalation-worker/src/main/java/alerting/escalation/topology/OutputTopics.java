package alerting.escalation.topology;

import alerting.events.AckTimeoutScheduled;
import alerting.events.AlertState;
import alerting.events.DeliveryRequested;
import alerting.events.Event;
import alerting.events.Topics;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * Where each event the worker emits belongs: deliveries go to their channel's topic for the alert's
 * lane.
 */
final class OutputTopics implements TopicNameExtractor<String, Event> {

  @Override
  public String extract(String key, Event event, RecordContext context) {
    if (event instanceof DeliveryRequested delivery) {
      // the alert's priority lane, so an escalation of a CRITICAL alert jumps every lower backlog
      return delivery.method().channel().deliveryTopic(delivery.brief().severity()).name();
    }
    if (event instanceof AckTimeoutScheduled) {
      return Topics.ACK_TIMEOUTS.name();
    }
    if (event instanceof AlertState) {
      return Topics.ALERT_STATE.name();
    }
    throw new IllegalArgumentException(
        "the escalation worker never emits " + event.getClass().getSimpleName());
  }
}
