package alerting.contacts.securitycontacts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import alerting.contacts.ContactServiceTest;
import alerting.contacts.TopicProbe;
import alerting.events.Channel;
import alerting.events.ContactAdded;
import alerting.events.ContactMethod;
import alerting.events.ContactRemoved;
import alerting.events.ContactRole;
import alerting.events.ContactUpdated;
import alerting.events.TenantContacts;
import alerting.events.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManagingContactsTest extends ContactServiceTest {

  @Test
  void addingAPersonFromTheDirectoryPublishesTheChangeAndTheTenantsFullSnapshot() {
    var tenant = newTenant();
    var added =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            """
        {"personId":"ada","roles":["primary_security"],"title":"CISO",
         "methods":[{"channel":"EMAIL","address":"ada@%s.example"},{"channel":"SMS","address":"(415) 555-0100"}]}
        """
                .formatted(tenant));
    assertThat(added.status()).as(added.body()).isEqualTo(201);

    var change =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.CONTACTS_CHANGES, tenant, ContactAdded.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(change.actor().userId()).isEqualTo("grace");
    assertThat(change.contact().methods())
        .containsExactly(
            new ContactMethod(Channel.EMAIL, "ada@" + tenant + ".example"),
            new ContactMethod(Channel.SMS, "+14155550100"));
    assertThat(change.notifyEmails())
        .as("admins, security contacts and the person added")
        .containsExactlyInAnyOrder("grace@" + tenant + ".example", "ada@" + tenant + ".example");
    var snapshot =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.CONTACTS_SNAPSHOTS, tenant, TenantContacts.class),
                l -> !l.isEmpty());
    assertThat(snapshot.get(snapshot.size() - 1).contacts())
        .extracting(c -> c.displayName())
        .containsExactly("Ada Lovelace");
    assertThat(snapshot.get(snapshot.size() - 1).admins())
        .extracting(a -> a.userId())
        .containsExactly("grace");
  }

  @Test
  void contactsAreListedByRoleAndAPersonWithTwoRolesIsListedUnderBoth() {
    var tenant = newTenant();
    addExisting(tenant, "ada", "PRIMARY_SECURITY", "PRIMARY_IT");
    addExisting(tenant, "bob", "PRIMARY_IT");
    var list = call("GET", "/api/tenants/" + tenant + "/contacts", userOf(tenant), null);
    assertThat(list.status()).isEqualTo(200);
    var byRole = list.json();
    assertThat(names(byRole.get("PRIMARY_SECURITY"))).containsExactly("Ada Lovelace");
    assertThat(names(byRole.get("PRIMARY_IT"))).containsExactly("Ada Lovelace", "Bob Builder");
    assertThat(names(byRole.get("CIO_CISO"))).isEmpty();
  }

  @Test
  void theDirectoryIsSearchedByPartOfANameOrAnEmail() {
    var tenant = newTenant();
    var byName = call("GET", "/api/tenants/" + tenant + "/directory?q=lOvE", adminOf(tenant), null);
    assertThat(byName.body()).contains("Ada Lovelace").doesNotContain("Bob");
    var byEmail =
        call("GET", "/api/tenants/" + tenant + "/directory?q=bob@", adminOf(tenant), null);
    assertThat(byEmail.body()).contains("Bob Builder").doesNotContain("Ada");
  }

  @Test
  void someoneNotInTheSystemIsAddedAsynchronouslyAndTheRequestEndsCompleted() {
    var tenant = newTenant();
    var accepted =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contact-requests",
            adminOf(tenant),
            """
        {"displayName":"Carol Chen","email":"carol@outside.example","roles":["CIO_CISO"],
         "methods":[{"channel":"EMAIL","address":"carol@outside.example"},{"channel":"VOICE","address":"+44 20 7946 0000"}]}""");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json()).containsEntry("status", "RECEIVED");
    var requestPath =
        "/api/tenants/" + tenant + "/contact-requests/" + accepted.json().get("requestId");
    var done =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> call("GET", requestPath, adminOf(tenant), null).json(),
                r -> !"RECEIVED".equals(r.get("status")));
    assertThat(done).containsEntry("status", "COMPLETED");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), null).body())
        .contains("Carol Chen", "+442079460000");
  }

  @Test
  void aRequestForSomeoneAlreadyInTheDirectoryIsRejectedWithTheReason() {
    var tenant = newTenant();
    var accepted =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contact-requests",
            adminOf(tenant),
            """
        {"displayName":"Ada L.","email":"ADA@%s.example","roles":["PRIMARY_IT"],
         "methods":[{"channel":"EMAIL","address":"ada@%s.example"}]}"""
                .formatted(tenant, tenant));
    var requestPath =
        "/api/tenants/" + tenant + "/contact-requests/" + accepted.json().get("requestId");
    var done =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> call("GET", requestPath, adminOf(tenant), null).json(),
                r -> !"RECEIVED".equals(r.get("status")));
    assertThat(done).containsEntry("status", "REJECTED");
    assertThat((String) done.get("reason")).contains("already in the directory as Ada Lovelace");
  }

  @Test
  void aSecondCioCisoIsAcceptedWithAWarning() {
    var tenant = newTenant();
    var first =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            "{\"personId\":\"ada\",\"roles\":[\"CIO_CISO\"]}");
    assertThat(first.json()).containsEntry("warnings", List.of());
    var second =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            "{\"personId\":\"bob\",\"roles\":[\"CIO_CISO\"]}");
    assertThat(second.status()).isEqualTo(201);
    assertThat(second.json().get("warnings"))
        .isEqualTo(
            List.of(
                "CIO_CISO: Ada Lovelace already holds this role; one CIO/CISO contact is recommended"));
  }

  @Test
  void rolesAndMethodsChangeAndEveryChangeIsInTheHistoryWithWhoAndWhat() {
    var tenant = newTenant();
    addExisting(tenant, "ada", "PRIMARY_SECURITY");
    var base = "/api/tenants/" + tenant + "/contacts/ada";
    assertThat(
            call(
                    "PUT",
                    base + "/roles",
                    adminOf(tenant),
                    "{\"roles\":[\"PRIMARY_SECURITY\",\"PRIMARY_IT\"]}")
                .status())
        .isEqualTo(200);
    var reordered =
        call(
            "PUT",
            base + "/methods",
            adminOf(tenant),
            """
        {"methods":[{"channel":"SMS","address":"+14155550100"},{"channel":"EMAIL","address":"ada@%s.example"}]}"""
                .formatted(tenant));
    assertThat(reordered.status()).as(reordered.body()).isEqualTo(200);
    assertThat(call("DELETE", base + "/roles/primary_it", adminOf(tenant), null).status())
        .isEqualTo(200);
    assertThat(call("DELETE", base, adminOf(tenant), null).status()).isEqualTo(204);

    var history = call("GET", "/api/tenants/" + tenant + "/history", adminOf(tenant), null).body();
    assertThat(history)
        .contains(
            "\"action\":\"ADDED\"",
            "\"action\":\"ROLES_CHANGED\"",
            "\"action\":\"METHODS_CHANGED\"",
            "\"action\":\"ROLE_REMOVED\"",
            "\"action\":\"REMOVED\"",
            "\"actorId\":\"grace\"",
            "Grace Hopper removed Ada Lovelace");
    var updates =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> TopicProbe.read(Topics.CONTACTS_CHANGES, tenant), l -> l.size() == 5);
    assertThat(updates.get(2))
        .isInstanceOfSatisfying(
            ContactUpdated.class,
            u -> {
              assertThat(u.before().methods().get(0).channel()).isEqualTo(Channel.EMAIL);
              assertThat(u.after().methods().get(0).channel()).isEqualTo(Channel.SMS);
            });
    assertThat(updates.get(4)).isInstanceOf(ContactRemoved.class);
    var last = TopicProbe.read(Topics.CONTACTS_SNAPSHOTS, tenant, TenantContacts.class);
    assertThat(last.get(last.size() - 1).contacts()).isEmpty();
  }

  @Test
  void aTenantMemberReadsContactsDirectoryAndHistoryButChangesNothingAndSeesNoOtherTenant() {
    var tenant = newTenant();
    var other = newTenant();
    addExisting(tenant, "bob", "PRIMARY_IT");
    var base = "/api/tenants/" + tenant;

    assertThat(call("GET", base + "/contacts", userOf(tenant), null).body())
        .contains("Bob Builder");
    assertThat(call("GET", base + "/directory?q=bob", userOf(tenant), null).body())
        .contains("Bob Builder");
    var history = call("GET", base + "/history", userOf(tenant), null);
    assertThat(history.status()).isEqualTo(200);
    assertThat(history.body()).contains("\"action\":\"ADDED\"", "Grace Hopper added Bob Builder");

    assertThat(
            call("PUT", base + "/contacts/bob/roles", userOf(tenant), "{\"roles\":[\"CIO_CISO\"]}")
                .status())
        .isEqualTo(403);
    assertThat(call("DELETE", base + "/contacts/bob", userOf(tenant), null).status())
        .isEqualTo(403);
    for (var path :
        List.of("/contacts", "/directory?q=bob", "/history", "/notices", "/support-access")) {
      assertThat(call("GET", base + path, userOf(other), null).status()).as(path).isEqualTo(404);
    }
  }

  @Test
  void aNewPersonMadeASecondCioCisoCompletesWithTheWarningInTheRequestStatus() {
    var tenant = newTenant();
    addExisting(tenant, "ada", "CIO_CISO");
    var accepted =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contact-requests",
            adminOf(tenant),
            """
        {"displayName":"Carol Chen","roles":["CIO_CISO"],"methods":[{"channel":"EMAIL","address":"carol@outside.example"}]}""");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    assertThat(accepted.json()).containsEntry("warnings", List.of());
    var requestPath =
        "/api/tenants/" + tenant + "/contact-requests/" + accepted.json().get("requestId");

    var done =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> call("GET", requestPath, adminOf(tenant), null).json(),
                r -> !"RECEIVED".equals(r.get("status")));

    assertThat(done).containsEntry("status", "COMPLETED").containsEntry("reason", null);
    assertThat(done.get("warnings"))
        .isEqualTo(
            List.of(
                "CIO_CISO: Ada Lovelace already holds this role; one CIO/CISO contact is recommended"));
  }

  @Test
  void aChangeToAPrimaryItContactOnlyAnnouncesNothing() {
    var tenant = newTenant();
    addExisting(tenant, "bob", "PRIMARY_IT");
    var change =
        await()
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> TopicProbe.read(Topics.CONTACTS_CHANGES, tenant, ContactAdded.class),
                l -> !l.isEmpty())
            .get(0);
    assertThat(change.contact().roles()).containsExactly(ContactRole.PRIMARY_IT);
    assertThat(change.notifyEmails()).isEmpty();
  }

  private void addExisting(String tenant, String personId, String... roles) {
    var json =
        "{\"personId\":\"%s\",\"roles\":[%s]}"
            .formatted(
                personId,
                String.join(
                    ",", java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").toList()));
    var added = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), json);
    assertThat(added.status()).as(added.body()).isEqualTo(201);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> names(Object contacts) {
    return ((List<Map<String, Object>>) contacts).stream().map(c -> c.get("displayName")).toList();
  }
}
