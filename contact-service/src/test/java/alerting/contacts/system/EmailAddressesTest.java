package alerting.contacts.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EmailAddressesTest {

  @Test
  void anOrdinaryAddressIsKeptStripped() {
    assertThat(EmailAddresses.checked("  ada.lovelace+security@acme.example ", "email"))
        .isEqualTo("ada.lovelace+security@acme.example");
  }

  @Test
  void addressesTheMailLibraryWouldRefuseAreRefusedNamingTheField() {
    for (var bad :
        new String[] {
          "<svg/onload=alert(1)>@x.io",
          "Grace <grace@acme.example>",
          "grace@acme.example (admin)",
          "a b@acme.example",
          "grace@",
          "grace@acme",
          "\"x\"@@acme.example"
        }) {
      assertThatThrownBy(() -> EmailAddresses.checked(bad, "methods[0].address"))
          .as(bad)
          .isInstanceOfSatisfying(
              InvalidRequestException.class,
              e -> assertThat(e.field()).isEqualTo("methods[0].address"));
    }
  }

  @Test
  void aMissingOrOverlongAddressIsRefused() {
    assertThatThrownBy(() -> EmailAddresses.checked(" ", "email"))
        .hasMessageContaining("email: is required");
    assertThatThrownBy(() -> EmailAddresses.checked("a".repeat(320) + "@x.io", "email"))
        .hasMessageContaining("at most 320");
  }
}
