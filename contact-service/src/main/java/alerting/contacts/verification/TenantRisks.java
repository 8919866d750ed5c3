package alerting.contacts.verification;

import alerting.contacts.securitycontacts.SecurityContacts;
import alerting.contacts.system.ContactServiceSettings;
import alerting.contacts.tenants.Tenants;
import alerting.contacts.verification.ReachabilityPolicy.State;
import alerting.contacts.verification.ReachabilityPolicy.TenantVerdict;
import alerting.events.ContactRole;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Each tenant's reachability verdict, and the platform's view of all of them: tenants ranked by
 * risk, and the gauges the dashboard shows (tenants at risk; share of tenants with a verified
 * Primary Security contact), recomputed every few minutes rather than on each scrape.
 */
@Component
public class TenantRisks {
  private final SecurityContacts contacts;
  private final Reachability reachability;
  private final Tenants tenants;
  private final ReachabilityPolicy policy;
  private final Clock clock = Clock.systemUTC();
  private final AtomicLong atRisk = new AtomicLong();
  private final AtomicReference<Double> securityVerifiedShare = new AtomicReference<>(0.0);

  TenantRisks(
      SecurityContacts contacts,
      Reachability reachability,
      Tenants tenants,
      ContactServiceSettings settings,
      MeterRegistry meters) {
    this.contacts = contacts;
    this.reachability = reachability;
    this.tenants = tenants;
    this.policy = new ReachabilityPolicy(settings.verification().staleAfter());
    Gauge.builder("alerting.tenants.at.risk", atRisk, AtomicLong::get)
        .description(
            "Tenants at risk: no Primary Security contact with a verified method, or only one"
                + " verified channel")
        .register(meters);
    Gauge.builder("alerting.tenants.security.verified.ratio", securityVerifiedShare, r -> r.get())
        .description("Share of tenants with a verified Primary Security contact (0 to 1)")
        .register(meters);
  }

  TenantVerdict of(String tenantId) {
    return policy.tenant(
        contacts.ofTenant(tenantId), reachability.findings(tenantId), clock.instant());
  }

  /** One tenant in the platform's list. */
  public record Ranked(
      String tenantId,
      String name,
      boolean atRisk,
      List<String> risks,
      boolean primarySecurityVerified,
      int verifiedMethods,
      int staleMethods) {}

  /** Every tenant's verdict, by tenant id, from one read of all contacts and findings. */
  java.util.Map<String, TenantVerdict> all() {
    var contactsByTenant = contacts.ofAllTenants();
    var findings = reachability.allFindings();
    var now = clock.instant();
    var verdicts = new java.util.LinkedHashMap<String, TenantVerdict>();
    for (var tenantId : tenants.ids()) {
      verdicts.put(
          tenantId,
          policy.tenant(
              contactsByTenant.getOrDefault(tenantId, List.of()),
              findings.getOrDefault(tenantId, java.util.Map.of()),
              now));
    }
    return verdicts;
  }

  /** Every tenant, those at risk first (most risks, then fewest verified methods). */
  public List<Ranked> ranked() {
    var all = new ArrayList<Ranked>();
    var names = tenants.names();
    for (var entry : all().entrySet()) {
      var tenantId = entry.getKey();
      var verdict = entry.getValue();
      var methods = verdict.contacts().stream().flatMap(c -> c.methods().stream()).toList();
      var verified = (int) methods.stream().filter(m -> m.state() == State.VERIFIED).count();
      all.add(
          new Ranked(
              tenantId,
              names.get(tenantId),
              verdict.atRisk(),
              verdict.risks(),
              verdict.contacts().stream()
                  .anyMatch(c -> c.verified() && c.roles().contains(ContactRole.PRIMARY_SECURITY)),
              verified,
              methods.size() - verified));
    }
    all.sort(
        Comparator.comparing((Ranked r) -> !r.atRisk())
            .thenComparing(r -> -r.risks().size())
            .thenComparingInt(Ranked::verifiedMethods)
            .thenComparing(Ranked::tenantId));
    refreshGauges(all);
    return all;
  }

  /** Soon after start-up too, so the gauges do not read 0 tenants at risk for minutes. */
  @Scheduled(
      fixedDelayString = "${alerting.contacts.verification.risk-refresh-interval:5m}",
      initialDelay = 20_000)
  void refresh() {
    ranked();
  }

  private void refreshGauges(List<Ranked> all) {
    atRisk.set(all.stream().filter(Ranked::atRisk).count());
    securityVerifiedShare.set(
        all.isEmpty()
            ? 0.0
            : all.stream().filter(Ranked::primarySecurityVerified).count() / (double) all.size());
  }
}
