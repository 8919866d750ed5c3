package alerting.contacts.securitycontacts;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.contacts.ContactServiceTest;
import java.util.List;
import org.junit.jupiter.api.Test;

class RefusedRequestsTest extends ContactServiceTest {

  @Test
  void anInvalidPhoneNumberIsA400ProblemNamingTheFieldAndNothingIsWritten() {
    var tenant = newTenant();
    var answer =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            """
        {"personId":"ada","roles":["PRIMARY_SECURITY"],
         "methods":[{"channel":"EMAIL","address":"ada@x.example"},{"channel":"SMS","address":"12"}]}""");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json())
        .containsEntry("field", "methods[1].address")
        .containsEntry("detail", "methods[1].address: not a valid phone number: 12");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), null).body())
        .doesNotContain("Ada");
    assertThat(call("GET", "/api/tenants/" + tenant + "/history", adminOf(tenant), null).body())
        .isEqualTo("[]");
  }

  @Test
  void anInvalidEmailIsA400ProblemNamingTheField() {
    var tenant = newTenant();
    var answer =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            """
        {"personId":"ada","roles":["PRIMARY_SECURITY"],"methods":[{"channel":"EMAIL","address":"ada at example"}]}""");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json())
        .containsEntry("field", "methods[0].address")
        .containsEntry("detail", "methods[0].address: not an email address: ada at example");
  }

  @Test
  void aNewPersonWithoutADisplayNameIsA400NamingTheFieldAndNoRequestIsKept() {
    var tenant = newTenant();
    var answer =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contact-requests",
            adminOf(tenant),
            """
        {"displayName":"  ","roles":["PRIMARY_IT"],"methods":[{"channel":"EMAIL","address":"carol@outside.example"}]}""");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json())
        .containsEntry("field", "displayName")
        .containsEntry("detail", "displayName: is required");
    var missing =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contact-requests",
            adminOf(tenant),
            """
        {"roles":["PRIMARY_IT"],"methods":[{"channel":"EMAIL","address":"carol@outside.example"}]}""");
    assertThat(missing.json()).containsEntry("status", 400).containsEntry("field", "displayName");
  }

  @Test
  void aProblemWithNoFieldToBlameHasNoFieldProperty() {
    var tenant = newTenant();
    var answer =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            "{\"personId\":\"nobody\",\"roles\":[\"PRIMARY_IT\"]}");
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.json())
        .doesNotContainKey("field")
        .containsEntry("title", "Not found")
        .containsEntry("status", 404);
  }

  @Test
  void aValueOfTheWrongJsonTypeIsA400NamingWhereInTheBody() {
    var tenant = newTenant();
    var path = "/api/tenants/" + tenant + "/contacts";
    var roles = call("POST", path, adminOf(tenant), "{\"personId\":\"ada\",\"roles\":{\"a\":1}}");
    assertThat(roles.status()).isEqualTo(400);
    assertThat(roles.json()).containsEntry("field", "roles");
    var channel =
        call(
            "POST",
            path,
            adminOf(tenant),
            "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"methods\":[{\"channel\":\"EMAIL\",\"address\":\"a@b.example\"},{\"channel\":[1]}]}");
    assertThat(channel.status()).isEqualTo(400);
    assertThat(channel.json()).containsEntry("field", "methods[1].channel");
  }

  @Test
  void noBadBodyIsEverA500() {
    var tenant = newTenant();
    var admin = adminOf(tenant);
    var base = "/api/tenants/" + tenant;
    var long201 = "x".repeat(201);
    var bodies =
        java.util.List.of(
            "null",
            "[]",
            "\"x\"",
            "42",
            "{}",
            "{\"roles\":null,\"methods\":null}",
            "{\"personId\":\"ada\",\"roles\":[null,\"\"]}",
            "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"methods\":[null]}",
            "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"methods\":[{}]}",
            "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"title\":\"" + long201 + "\"}",
            "{\"displayName\":\""
                + long201
                + "\",\"roles\":[\"PRIMARY_IT\"],\"methods\":[{\"channel\":\"SMS\",\"address\":\"+14155550100\"}]}",
            "{\"displayName\":\"Carol\",\"roles\":[\"PRIMARY_IT\"],\"methods\":[{\"channel\":\"EMAIL\",\"address\":\"c@"
                + "x".repeat(400)
                + ".example\"}]}",
            "{\"displayName\":\"Carol\",\"roles\":[\"PRIMARY_IT\"],\"methods\":[{\"channel\":\"SMS\",\"address\":\""
                + "1".repeat(300)
                + "\"}]}",
            "{\"action\":null}",
            "{\"action\":\"DISABLE\",\"contactAfterReview\":\"" + "x".repeat(1001) + "\"}",
            "{\"name\":\"" + long201 + "\",\"formVersion\":\"v1\"}");
    var targets =
        java.util.List.of(
            base + "/contacts",
            base + "/contact-requests",
            base + "/contacts/ada/methods",
            base + "/contacts/ada/roles",
            base + "/support-access/requests");
    for (var target : targets) {
      for (var body : bodies) {
        var method = target.endsWith("/methods") || target.endsWith("/roles") ? "PUT" : "POST";
        var answer = call(method, target, admin, body);
        assertThat(answer.status())
            .as(method + " " + target + " " + body.substring(0, Math.min(body.length(), 80)))
            .isBetween(400, 499);
        assertThat(answer.contentType()).startsWith("application/problem+json");
      }
    }
    assertThat(call("GET", base + "/contacts", admin, null).body()).doesNotContain("Carol", "Ada");
  }

  @Test
  void textLongerThanTheStoreKeepsIsA400NamingTheField() {
    var tenant = newTenant();
    var answer =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"title\":\""
                + "x".repeat(201)
                + "\"}");
    assertThat(answer.status()).isEqualTo(400);
    assertThat(answer.json())
        .containsEntry("field", "title")
        .containsEntry("detail", "title: at most 200 characters, was 201");
  }

  @Test
  void aPersonAlreadyHoldingTheRoleIsAConflict() {
    var tenant = newTenant();
    var first = "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_SECURITY\"]}";
    assertThat(
            call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), first).status())
        .isEqualTo(201);
    var again = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), first);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("Ada Lovelace already holds [PRIMARY_SECURITY]");
    assertThat(again.json()).containsEntry("title", "Conflict");
  }

  @Test
  void unknownContactsAndPeopleAreNotFound() {
    var tenant = newTenant();
    assertThat(
            call("DELETE", "/api/tenants/" + tenant + "/contacts/nobody", adminOf(tenant), null)
                .status())
        .isEqualTo(404);
    var unknownPerson =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contacts",
            adminOf(tenant),
            "{\"personId\":\"nobody\",\"roles\":[\"PRIMARY_IT\"]}");
    assertThat(unknownPerson.status()).isEqualTo(404);
    assertThat(unknownPerson.body()).contains("no person nobody");
  }

  @Test
  void malformedJsonIsA400AndAnOversizedBodyA413() {
    var tenant = newTenant();
    var malformed =
        call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), "{\"personId\":");
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.contentType()).startsWith("application/problem+json");
    assertThat(malformed.body()).contains("the body is not the JSON expected");
    var huge =
        "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"title\":\""
            + "x".repeat(70_000)
            + "\"}";
    var oversized = call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), huge);
    assertThat(oversized.status()).isEqualTo(413);
    assertThat(oversized.contentType()).startsWith("application/problem+json");
    assertThat(oversized.body()).contains("the limit is 65536");
  }

  @Test
  void aChunkedBodyOverTheLimitIsA413AndOneUnderItIsRead() {
    var tenant = newTenant();
    var path = "/api/tenants/" + tenant + "/contacts";
    var megabyte =
        "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"title\":\""
            + "x".repeat(1_000_000)
            + "\"}";
    var oversized = callChunked("POST", path, adminOf(tenant), megabyte);
    assertThat(oversized.status()).isEqualTo(413);
    assertThat(oversized.contentType()).startsWith("application/problem+json");
    assertThat(oversized.json()).containsEntry("status", 413);
    assertThat(
            callChunked(
                    "POST",
                    path,
                    adminOf(tenant),
                    "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"]}")
                .status())
        .isEqualTo(201);
  }

  @Test
  void controlAndBidiOverrideCharactersAreA400NamingTheField() {
    var tenant = newTenant();
    var path = "/api/tenants/" + tenant + "/contacts";
    for (var bad : List.of("\\u0000", "\\u202E", "\\u2066", "\\n", "\\u001B")) {
      var answer =
          call(
              "POST",
              path,
              adminOf(tenant),
              "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_IT\"],\"title\":\"CISO"
                  + bad
                  + "evil\"}");
      assertThat(answer.status()).as(bad).isEqualTo(400);
      assertThat(answer.json()).as(bad).containsEntry("field", "title");
    }
    var request =
        call(
            "POST",
            "/api/tenants/" + tenant + "/contact-requests",
            adminOf(tenant),
            """
        {"displayName":"Carol\\u202Egnp.exe","roles":["PRIMARY_IT"],"methods":[{"channel":"EMAIL","address":"carol@outside.example"}]}""");
    assertThat(request.status()).isEqualTo(400);
    assertThat(request.json()).containsEntry("field", "displayName");
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", adminOf(tenant), null).body())
        .doesNotContain("evil");
  }

  @Test
  void theErrorPageAnswersWithoutATokenSoAForwardedErrorKeepsItsStatus() {
    // the container forwards an unhandled failure to /error; fetched directly it has none to report
    var answer = call("GET", "/error", null, null);
    assertThat(answer.status()).as("not a 401 from the token check").isEqualTo(500);
  }

  @Test
  void aDirectorySearchOfWildcardsIsA400AndWildcardsAreSearchedLiterally() {
    var tenant = newTenant();
    var directory = "/api/tenants/" + tenant + "/directory?q=";
    for (var wildcards : List.of("%25%25", "__", "%25_%25")) {
      var answer = call("GET", directory + wildcards, adminOf(tenant), null);
      assertThat(answer.status()).as(wildcards).isEqualTo(400);
      assertThat(answer.json()).as(wildcards).containsEntry("field", "q");
    }
    assertThat(call("GET", directory + "love", adminOf(tenant), null).body())
        .contains("Ada Lovelace");
    var literal = call("GET", directory + "%25love%25", adminOf(tenant), null);
    assertThat(literal.status()).isEqualTo(200);
    assertThat(literal.body()).isEqualTo("[]");
  }

  @Test
  void onlyATenantAdminMayChangeContactsAndOtherTenantsAreInvisible() {
    var tenant = newTenant();
    var other = newTenant();
    var body = "{\"personId\":\"ada\",\"roles\":[\"PRIMARY_SECURITY\"]}";
    var asUser = call("POST", "/api/tenants/" + tenant + "/contacts", userOf(tenant), body);
    assertThat(asUser.status()).isEqualTo(403);
    assertThat(asUser.body()).contains("only a tenant admin");
    assertThat(call("POST", "/api/tenants/" + tenant + "/contacts", adminOf(other), body).status())
        .isEqualTo(404);
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", adminOf(other), null).status())
        .isEqualTo(404);
    assertThat(call("POST", "/api/tenants/" + tenant + "/contacts", null, body).status())
        .isEqualTo(401);
    var forged = adminOf(tenant).substring(0, adminOf(tenant).lastIndexOf('.')) + ".AAAA";
    assertThat(call("GET", "/api/tenants/" + tenant + "/contacts", forged, null).status())
        .isEqualTo(401);
    assertThat(
            call(
                    "POST",
                    "/internal/tenants",
                    adminOf(tenant),
                    "{\"tenantId\":\"x1\",\"name\":\"X\"}")
                .status())
        .isEqualTo(403);
  }
}
