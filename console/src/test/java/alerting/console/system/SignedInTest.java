package alerting.console.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SignedInTest {

  @Test
  void aTenantsAdminIsAMemberAndAnAdmin() {
    var grace = new SignedIn("grace", "Grace", "acme", List.of("TENANT_ADMIN"));

    assertThat(grace.isTenantMember()).isTrue();
    assertThat(grace.isTenantAdmin()).isTrue();
  }

  @Test
  void supportStaffAreNeverATenantsPeopleWhateverTenantClaimOrOtherRoleTheyCarry() {
    var sam = new SignedIn("sam", "Sam", "acme", List.of("SUPPORT", "TENANT_ADMIN"));

    assertThat(sam.isTenantMember()).isFalse();
    assertThat(sam.isTenantAdmin()).isFalse();
    assertThat(sam.isStaff()).isTrue();
  }
}
