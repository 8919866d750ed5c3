package alerting.contacts.notices;

import alerting.events.Event;
import alerting.events.NoticePublished;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** Keeps the dispatcher's banners so tenant admins see them in the product. */
@Component
class NoticeListener {
  private final Notices notices;

  NoticeListener(Notices notices) {
    this.notices = notices;
  }

  @KafkaListener(
      id = "contact-service-notices",
      groupId = "${alerting.contacts.consumer-group-prefix:contact-service}-notices",
      topics = "#{T(alerting.events.Topics).NOTICES.name()}")
  void on(Event event) {
    if (event instanceof NoticePublished notice) {
      notices.store(notice);
    }
  }
}
