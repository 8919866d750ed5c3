package alerting.console.notices;

import alerting.console.system.ServiceApis.ContactServiceApi;
import alerting.console.system.SignedIn;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Dismissing a notice hides it for the tenant's admins. */
@Controller
class NoticeController {
  private final ContactServiceApi api;

  NoticeController(ContactServiceApi api) {
    this.api = api;
  }

  @PostMapping("/notices/{noticeId}/dismiss")
  String dismiss(
      @AuthenticationPrincipal OidcUser user,
      @PathVariable String noticeId,
      @RequestParam(defaultValue = "/") String back) {
    var me = SignedIn.of(user);
    api.http()
        .post()
        .uri("/api/tenants/{t}/notices/{n}/dismiss", me.tenant(), noticeId)
        .retrieve()
        .toBodilessEntity();
    // back to the page the banner was on, never to another site
    return "redirect:" + (back.startsWith("/") && !back.startsWith("//") ? back : "/");
  }
}
