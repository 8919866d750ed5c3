package alerting.contacts.notices;

import alerting.contacts.system.NotFoundException;
import alerting.contacts.system.TenantAccess;
import alerting.contacts.system.TenantReads;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
class NoticeController {
  private final Notices notices;
  private final TenantReads reads;

  NoticeController(Notices notices, TenantReads reads) {
    this.notices = notices;
    this.reads = reads;
  }

  @GetMapping("/api/tenants/{tenantId}/notices")
  List<Notices.Notice> active(@AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    // any member reads the banners; dismissing one hides it for the whole tenant, so only admins
    // may
    reads.reader(jwt, tenantId);
    return notices.active(tenantId);
  }

  @PostMapping("/api/tenants/{tenantId}/notices/{noticeId}/dismiss")
  ResponseEntity<Void> dismiss(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String noticeId) {
    var caller = TenantAccess.admin(jwt, tenantId);
    if (!notices.dismiss(tenantId, noticeId, caller.userId())) {
      throw new NotFoundException("no notice " + noticeId + " for " + tenantId);
    }
    return ResponseEntity.noContent().build();
  }
}
