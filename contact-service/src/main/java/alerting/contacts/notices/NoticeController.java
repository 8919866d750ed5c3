package alerting.contacts.notices;

import alerting.contacts.system.NotFoundException;
import alerting.contacts.system.TenantAccess;
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

  NoticeController(Notices notices) {
    this.notices = notices;
  }

  @GetMapping("/api/tenants/{tenantId}/notices")
  List<Notices.Notice> active(@AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    TenantAccess.admin(jwt, tenantId);
    return notices.active(tenantId);
  }

  @PostMapping("/api/tenants/{tenantId}/notices/{noticeId}/dismiss")
  ResponseEntity<Void> dismiss(@AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId,
      @PathVariable String noticeId) {
    var caller = TenantAccess.admin(jwt, tenantId);
    if (!notices.dismiss(tenantId, noticeId, caller.userId())) {
      throw new NotFoundException("no notice " + noticeId + " for " + tenantId);
    }
    return ResponseEntity.noContent().build();
  }
}
