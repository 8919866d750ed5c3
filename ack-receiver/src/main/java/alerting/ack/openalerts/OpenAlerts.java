package alerting.ack.openalerts;

import alerting.events.AlertOpened;
import alerting.events.Channel;
import alerting.events.TopicReplay;
import alerting.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Maps an alert id, or a (phone number, reply code) pair, to the alert it names. Built from
 * {@code alerts.v1}, so it survives restarts without a store of its own.
 */
@Component
public class OpenAlerts implements AutoCloseable {
  private final Map<String, AlertOpened> byId = new ConcurrentHashMap<>();
  private final Map<String, Map<String, AlertOpened>> byPhone = new ConcurrentHashMap<>();
  private final TopicReplay replay;

  OpenAlerts(@Value("${spring.kafka.bootstrap-servers}") String bootstrapServers) {
    this.replay = TopicReplay.follow(bootstrapServers, Topics.ALERTS, Duration.ofSeconds(30),
        (alertId, event) -> {
          if (event instanceof AlertOpened opened) {
            add(opened);
          }
        });
  }

  public Optional<AlertOpened> byId(String alertId) {
    return Optional.ofNullable(byId.get(alertId));
  }

  /** The alert a reply code names for this phone number; codes are matched in any case. */
  public Optional<AlertOpened> byReply(String phone, String replyCode) {
    return Optional.ofNullable(byPhone.getOrDefault(phone, Map.of())
        .get(replyCode.toUpperCase(Locale.ROOT)));
  }

  public List<AlertOpened> ofPhone(String phone) {
    return List.copyOf(byPhone.getOrDefault(phone, Map.of()).values());
  }

  void add(AlertOpened alert) {
    byId.put(alert.alertId(), alert);
    alert.methods().stream()
        .filter(m -> m.channel() != Channel.EMAIL)
        .forEach(m -> byPhone.computeIfAbsent(m.address(), p -> new ConcurrentHashMap<>())
            .put(alert.brief().replyCode(), alert));
  }

  @Override
  public void close() {
    replay.close();
  }
}
