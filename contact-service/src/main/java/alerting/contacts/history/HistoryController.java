package alerting.contacts.history;

import alerting.contacts.system.TenantReads;
import alerting.contacts.tenants.Tenants;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class HistoryController {
  private final Tenants tenants;
  private final ChangeHistory history;
  private final TenantReads reads;

  HistoryController(Tenants tenants, ChangeHistory history, TenantReads reads) {
    this.reads = reads;
    this.tenants = tenants;
    this.history = history;
  }

  @GetMapping("/api/tenants/{tenantId}/history")
  List<ChangeHistory.Entry> history(
      @AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    // every member may read who changed what (the console shows it read-only to non-admins)
    reads.reader(jwt, tenantId);
    tenants.require(tenantId);
    return history.of(tenantId);
  }
}
