package alerting.contacts.securitycontacts;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.contacts.ContactServiceTest;
import org.junit.jupiter.api.Test;

class RefusedRequestsTest extends ContactServiceTest {

  @Test
  void anInvalidPhoneNumberIsA400ProblemNamingTheFieldAndNothingIsWritten() {
    var tenant = newTenant();
    var answer = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), """
        {"personId":"ada","roles":["PRIMARY_SECURITY"],
         "methods":[{"channel":"EMAIL","address":"ada@x.example"},{"channel":"SMS","address":"12"}]}""");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.body()).contains("methods[1].address", "not a valid phone number");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), null).body()).doesNotContain("Ada");
    assertThat(call("GET", "/api/tenants/" + tenant + "/history", adminOf(tenant), null).body()).isEqualTo("[]");
  }

  @Test
  void anInvalidEmailIsA400ProblemNamingTheField() {
    var tenant = newTenant();
    var answer = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), """
        {"personId":"ada","roles":["PRIMARY_SECURITY"],"methods":[{"channel":"EMAIL","address":"ada at example"}]}""");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.body()).contains("methods[0].address", "not an email address");
  }

  @Test
  void aPersonAlreadyHoldingTheRoleIsAConflict() {
    var tenant = newTenant();
    var first = "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_SECURITY\"]}";
    assertThat(call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), first).status()).isEqualTo(201);
    var again = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), first);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("Ada Lovelace already holds [PRIMARY_SECURITY]");
  }

  @Test
  void unknownContactsAndPeopleAreNotFound() {
    var tenant = newTenant();
    assertThat(call("DELETE", "/api/tenants/" + tenant + "/contacts/nobody", adminOf(tenant), null).status()).isEqualTo(404);
    var unknownPerson = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant),
        "{\"personId\":\"nobody\",\"roles\":[\"PRIMARY_IT\"]}");
    assertThat(unknownPerson.status()).isEqualTo(404);
    assertThat(unknownPerson.body()).contains("no person nobody");
  }

  @Test
  void malformedAndOversizedJsonAreA400() {
    var tenant = newTenant();
    var malformed = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), "{\"personId\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.body()).contains("the body is not the JSON expected");
    var huge = "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"title\":\"" + "x".repeat(70_000) + "\"}";
    var oversized = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), huge);
    assertThat(oversized.status()).isEqualTo(400);
    assertThat(oversized.body()).contains("the limit is 65536");
  }

  @Test
  void onlyATenantAdminMayChangeContactsAndOtherTenantsAreInvisible() {
    var tenant = newTenant();
    var other = newTenant();
    var body = "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_SECURITY\"]}";
    var asUser = call("POST", "/api/tenants/" + tenant + "/contacts", userOf(tenant), body);
    assertThat(asUser.status()).isEqualTo(403);
    assertThat(asUser.body()).contains("only a tenant admin");
    assertThat(call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(other), body).status()).isEqualTo(404);
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", adminOf(other), null).status()).isEqualTo(404);
    assertThat(call("POST", "/api/tenants/" + tenant + "/contacts", null, body).status()).isEqualTo(401);
    var forged = adminOf(tenant).substring(0, adminOf(tenant).lastIndexOf('.')) + ".AAAA";
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", forged, null).status()).isEqualTo(401);
    assertThat(call("POST", "/internal/tenants", adminOf(tenant), "{\"tenantId\":\"x1\",\"name\":\"X\"}").status())
        .isEqualTo(403);
  }
}
