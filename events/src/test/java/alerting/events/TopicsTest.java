package alerting.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void everyAlertKeyedTopicHasTheSamePartitionCountSoTheyAreCoPartitioned() {
    assertThat(Topics.ALL)
        .filteredOn(t -> t.keyedBy().equals("alertId"))
        .hasSize(14)
        .allSatisfy(t -> assertThat(t.partitions()).isEqualTo(Topics.ALERT_PARTITIONS));
  }

  @Test
  void everyChannelHasALanePerPriorityAndSeverityPicksTheLane() {
    assertThat(Topics.deliveries())
        .hasSize(Channel.values().length * Lane.values().length)
        .doesNotHaveDuplicates()
        .allSatisfy(t -> assertThat(Topics.ALL).contains(t));
    assertThat(Channel.SMS.deliveryTopic(Severity.CRITICAL))
        .isEqualTo(Topics.DELIVERIES_SMS_CRITICAL);
    assertThat(Channel.EMAIL.deliveryTopic(Severity.HIGH)).isEqualTo(Topics.DELIVERIES_EMAIL_HIGH);
    assertThat(Channel.VOICE.deliveryTopic(Severity.LOW)).isEqualTo(Topics.DELIVERIES_VOICE);
    assertThat(Lane.STANDARD.higher()).containsExactly(Lane.CRITICAL, Lane.HIGH);
  }

  @Test
  void snapshotAndStateTopicsAreCompactedAndTopicNamesAreUnique() {
    assertThat(Topics.CONTACTS_SNAPSHOTS.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
    assertThat(Topics.ALERT_STATE.cleanupPolicy()).isEqualTo(Topic.CleanupPolicy.COMPACT);
    assertThat(Topics.ALL).extracting(Topic::name).doesNotHaveDuplicates();
  }

  @Test
  void aRetryTopicsRecordsAreDeadLetteredBesideTheTopicTheyWereRetriedFrom() {
    assertThat(Topics.DELIVERIES_SMS.deadLetter()).isEqualTo("deliveries.sms.v1-dlt");
    assertThat(Topic.deadLetterOf(Topics.DELIVERIES_SMS.retry()))
        .isEqualTo(Topics.DELIVERIES_SMS.deadLetter());
    assertThat(Topics.ACKS.deadLetterTopic().partitions()).isEqualTo(Topics.ACKS.partitions());
  }
}
