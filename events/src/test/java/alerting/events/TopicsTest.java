package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void everyAlertKeyedTopicHasTheSamePartitionCountSoTheyAreCoPartitioned() {
    assertThat(Topics.ALL).filteredOn(t -> t.keyedBy().equals("alertId"))
        .hasSize(8)
        .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(Topics.ALERT_PARTITIONS));
  }

  @Test
  void snapshotAndStateTopicsAreCompactedAndTopicNamesAreUnique() {
    assertThat(Topics.CONTACTS_SNAPSHOTS.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
    assertThat(Topics.ALERT_STATE.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
  }
}
