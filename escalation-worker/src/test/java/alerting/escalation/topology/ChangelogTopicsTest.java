package alerting.escalation.topology;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class ChangelogTopicsTest {

  @Test
  void changelogsAreStoredLz4WhateverCodecTheProducerWrites() {
    // the producer writes gzip for outside readers; the broker recompresses what only restores read
    assertThat(EscalationTopology.changelog(4))
        .containsEntry(TopicConfig.COMPRESSION_TYPE_CONFIG, "lz4")
        .containsEntry(TopicConfig.SEGMENT_BYTES_CONFIG, Integer.toString(4 * 1024 * 1024))
        .containsEntry(TopicConfig.MIN_CLEANABLE_DIRTY_RATIO_CONFIG, "0.2");
  }
}
