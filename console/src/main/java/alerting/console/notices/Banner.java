package alerting.console.notices;

import alerting.console.system.ServiceApis.ContactServiceApi;
import alerting.console.system.ServiceProblem;
import alerting.console.system.SignedIn;
import java.time.Instant;
import java.util.List;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.RequestHeader;

/**
 * The banner on every page of a tenant admin: the tenant's active notices. Partial updates (htmx)
 * don't redraw the frame, so they don't ask for them.
 */
@ControllerAdvice
class Banner {
  record Notice(
      String noticeId,
      String incidentId,
      String kind,
      String severity,
      String title,
      String body,
      String statusUrl,
      Instant publishedAt) {
    public boolean isRecommendation() {
      return "PRODUCT_RECOMMENDATION".equals(kind);
    }
  }

  private final ContactServiceApi api;

  Banner(ContactServiceApi api) {
    this.api = api;
  }

  @ModelAttribute("notices")
  List<Notice> notices(
      @AuthenticationPrincipal OidcUser user,
      @RequestHeader(name = "HX-Request", required = false) String partial) {
    if (user == null || partial != null) {
      return List.of();
    }
    var me = SignedIn.of(user);
    if (!me.isTenantAdmin()) {
      return List.of();
    }
    try {
      return api.http()
          .get()
          .uri("/api/tenants/{t}/notices", me.tenant())
          .retrieve()
          .body(new ParameterizedTypeReference<List<Notice>>() {});
    } catch (ServiceProblem | org.springframework.web.client.ResourceAccessException e) {
      // the banner must never take the page down with it
      return List.of();
    }
  }
}
