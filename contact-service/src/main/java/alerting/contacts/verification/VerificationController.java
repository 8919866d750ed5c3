package alerting.contacts.verification;

import alerting.contacts.system.ForbiddenException;
import alerting.contacts.system.TenantAccess;
import alerting.contacts.system.TenantReads;
import alerting.contacts.tenants.Tenants;
import alerting.contacts.verification.ReachabilityPolicy.TenantVerdict;
import alerting.events.VerificationRequested.Trigger;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenant admins start verification drills; members (and support, while the tenant allows it) read
 * how reachable each contact method is and whether the tenant is at risk.
 */
@RestController
class VerificationController {
  private final VerificationDrills drills;
  private final TenantRisks risks;
  private final Tenants tenants;
  private final TenantReads reads;

  VerificationController(
      VerificationDrills drills, TenantRisks risks, Tenants tenants, TenantReads reads) {
    this.drills = drills;
    this.risks = risks;
    this.tenants = tenants;
    this.reads = reads;
  }

  /** Every method of every security contact gets one verification message; 202 with the drill. */
  @PostMapping("/api/tenants/{tenantId}/verification-drills")
  ResponseEntity<VerificationDrills.Drill> start(
      @AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    var caller = TenantAccess.member(jwt, tenantId);
    if (!caller.isTenantAdmin()) {
      throw new ForbiddenException(
          "only a tenant admin of " + tenantId + " may start a verification drill");
    }
    var drill = drills.start(tenantId, Trigger.ADMIN, caller.userId());
    return ResponseEntity.accepted()
        .location(URI.create("/api/tenants/" + tenantId + "/reachability"))
        .body(drill);
  }

  record ReachabilityView(
      String tenantId,
      boolean atRisk,
      List<String> risks,
      List<ReachabilityPolicy.ContactVerdict> contacts,
      List<VerificationDrills.Drill> recentDrills) {}

  /** Each contact's methods with what the drills found, and the tenant's risks in words. */
  @GetMapping("/api/tenants/{tenantId}/reachability")
  ReachabilityView reachability(@AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    reads.reader(jwt, tenantId);
    tenants.require(tenantId);
    TenantVerdict verdict = risks.of(tenantId);
    return new ReachabilityView(
        tenantId,
        verdict.atRisk(),
        verdict.risks(),
        verdict.contacts(),
        drills.recent(tenantId, 5));
  }

  record PlatformView(
      int tenants, long atRisk, double securityVerifiedShare, List<TenantRisks.Ranked> ranked) {}

  /** The platform's view: every tenant ranked by risk, those at risk first. */
  @GetMapping("/internal/reachability")
  PlatformView platform() {
    var ranked = risks.ranked();
    var atRisk = ranked.stream().filter(TenantRisks.Ranked::atRisk).count();
    var verified = ranked.stream().filter(TenantRisks.Ranked::primarySecurityVerified).count();
    return new PlatformView(
        ranked.size(), atRisk, ranked.isEmpty() ? 0 : verified / (double) ranked.size(), ranked);
  }
}
