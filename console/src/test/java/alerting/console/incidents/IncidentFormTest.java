package alerting.console.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.console.incidents.IncidentsController.IncidentForm;
import org.junit.jupiter.api.Test;

class IncidentFormTest {

  @Test
  void aCompleteFormHasNoProblems() {
    var form =
        new IncidentForm(
            "SECURITY_CONCERN",
            "CRITICAL",
            "Leaked keys",
            "Rotate",
            "https://status.example.com",
            false,
            "acme, globex acme",
            null);
    assertThat(form.problems()).isEmpty();
    assertThat(form.tenantList()).containsExactly("acme", "globex");
  }

  @Test
  void eachMissingOrMalformedFieldGetsItsOwnMessage() {
    var form = new IncidentForm("NOT_A_KIND", "URGENT", " ", "", "ftp://x", null, "", null);
    assertThat(form.problems())
        .containsOnlyKeys("kind", "severity", "title", "statusUrl", "tenantIds");
  }

  @Test
  void allTenantsNeedsNoList() {
    var form =
        new IncidentForm("PRODUCT_RECOMMENDATION", "LOW", "Turn on MFA", "", "", true, "", null);
    assertThat(form.problems()).isEmpty();
  }
}
