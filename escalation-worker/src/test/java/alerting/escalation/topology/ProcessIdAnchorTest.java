package alerting.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A restarted worker must get its predecessor's process id, hence its transactional id, so that its
 * first transaction fences the open one a SIGKILLed predecessor left behind.
 */
class ProcessIdAnchorTest {
  private static final String APPLICATION_ID = "escalation-anchor-test";

  @TempDir Path stateDir;

  @Test
  void keepsTheProcessIdInTheStateDirectoryAcrossRestarts() throws Exception {
    var processFile = stateDir.resolve(APPLICATION_ID).resolve("kafka-streams-process-metadata");

    assertThat(newClient().close(Duration.ofSeconds(30))).isTrue();
    assertThat(processFile).exists();
    var first = Files.readString(processFile);

    assertThat(newClient().close(Duration.ofSeconds(30))).isTrue();
    assertThat(Files.readString(processFile)).isEqualTo(first);
  }

  @Test
  void isAPersistentStoreThatHoldsNothing() {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    try (var driver = new TopologyTestDriver(topology(), props)) {
      var anchor = driver.getStateStore(ProcessIdAnchor.NAME);
      assertThat(anchor.persistent()).isTrue();
      assertThat(anchor.isOpen()).isTrue();
    }
  }

  /** A client that is never started: building it settles the process id, no broker needed. */
  private KafkaStreams newClient() {
    var props = new Properties();
    props.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
    props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
    props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
    return new KafkaStreams(topology(), props);
  }

  private static org.apache.kafka.streams.Topology topology() {
    return EscalationTopology.build(
        new EscalationMetrics(new SimpleMeterRegistry()),
        Duration.ofMillis(100),
        Duration.ZERO,
        Duration.ofDays(8),
        null);
  }
}
