package alerting.dispatcher.fanout;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Opens one slice of an incident per Kafka transaction, committed with the slice's offset. */
@Component
class FanOutListener {
  private static final Logger log = LoggerFactory.getLogger(FanOutListener.class);
  private final AlertFanOut fanOut;

  FanOutListener(AlertFanOut fanOut) {
    this.fanOut = fanOut;
  }

  @KafkaListener(
      id = "fan-out",
      topics = "#{T(alerting.dispatcher.system.DispatcherTopics).FAN_OUT.name()}",
      concurrency = "${alerting.dispatcher.fan-out.concurrency:2}",
      // a poll holds a few slices, not a whole incident: each is committed as soon as it is opened
      properties = {
        "max.poll.records=10",
        "spring.deserializer.value.delegate.class=alerting.dispatcher.fanout.FanOutQueueDeserializer"
      })
  void on(ConsumerRecord<String, Object> record) {
    if (record.value() instanceof FanOutBatchQueued slice) {
      var opened = fanOut.open(slice);
      log.debug(
          "incident {} slice {}/{} opened {} alert(s)",
          slice.incident().incidentId(),
          slice.batch(),
          slice.batches(),
          opened);
    }
  }
}
