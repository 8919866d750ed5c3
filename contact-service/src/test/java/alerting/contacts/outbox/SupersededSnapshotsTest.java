package alerting.contacts.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceTest;
import alerting.contacts.TopicProbe;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The last snapshot of a tenant on the compacted topic is its latest version, even when an older
 * one's publication is sent late: the fault harness's kill-contact-service found a killed
 * instance's publication sent again once stale, minutes after newer snapshots of the same tenant,
 * which made the stale one the tenant's last (docs/reliability.md).
 */
class SupersededSnapshotsTest extends ContactServiceTest {
  @Autowired KafkaOutbox outbox;

  @Test
  void aSnapshotSentLateAfterANewerOneIsNotPublishedOverIt() throws Exception {
    var tenant = newTenant();
    var admin = adminOf(tenant);
    assertThat(
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/contacts",
                    admin,
                    "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"]}")
                .status())
        .isEqualTo(201);
    assertThat(
            call(
                    "PUT",
                    "/api/tenants/" + tenant + "/contacts/ada/methods",
                    admin,
                    "{\"methods\":[{\"channel\":\"SMS\",\"address\":\"+14155550100\"}]}")
                .status())
        .isEqualTo(200);
    var published =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.CONTACTS_SNAPSHOTS, tenant, TenantContacts.class),
                l -> l.size() == 2);
    assertThat(published).extracting(TenantContacts::version).containsExactly(1L, 2L);

    // what the outbox's retry does with a publication a killed instance left incomplete, once it
    // is stale: the listener is called with the stored event, after newer ones went out
    outbox.on(published.get(0));

    var after = TopicProbe.read(Topics.CONTACTS_SNAPSHOTS, tenant, TenantContacts.class);
    assertThat(after.get(after.size() - 1).version())
        .as("the tenant's last snapshot, the one compaction keeps")
        .isEqualTo(2L);
    assertThat(after).extracting(TenantContacts::version).containsExactly(1L, 2L);
  }

  @Test
  void theCurrentSnapshotSentAgainIsPublished() throws Exception {
    var tenant = newTenant();
    assertThat(
            call(
                    "POST",
                    "/api/tenants/" + tenant + "/contacts",
                    adminOf(tenant),
                    "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"]}")
                .status())
        .isEqualTo(201);
    var published =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.CONTACTS_SNAPSHOTS, tenant, TenantContacts.class),
                l -> l.size() == 1);

    // a publication whose send reached the broker but whose completion was not recorded (a crash
    // in between) is sent again: at least once, as before
    outbox.on(published.get(0));

    assertThat(TopicProbe.read(Topics.CONTACTS_SNAPSHOTS, tenant, TenantContacts.class))
        .extracting(TenantContacts::version)
        .containsExactly(1L, 1L);
  }
}
