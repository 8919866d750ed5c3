package alerting.console.platform;

import alerting.console.system.ServiceApis.ContactServiceApi;
import alerting.console.system.ServiceProblem;
import alerting.console.system.SignedIn;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Tenants at risk (issue #17): every tenant ranked by risk, those we may not reach first, from
 * contact-service's platform view. Only for the platform role; contact-service checks it too.
 */
@Controller
class TenantsAtRiskController {
  record Ranked(
      String tenantId,
      String name,
      boolean atRisk,
      List<String> risks,
      boolean primarySecurityVerified,
      int verifiedMethods,
      int staleMethods) {}

  record PlatformView(
      int tenants, long atRisk, double securityVerifiedShare, List<Ranked> ranked) {}

  private final ContactServiceApi api;

  TenantsAtRiskController(ContactServiceApi api) {
    this.api = api;
  }

  @GetMapping("/platform/tenants")
  String tenants(@AuthenticationPrincipal OidcUser user, Model model) {
    var me = SignedIn.of(user);
    if (!me.isPlatform()) {
      throw new ServiceProblem(
          403,
          "Platform operators only",
          "Sign in as a platform operator to see every tenant.",
          null);
    }
    var view = api.http().get().uri("/internal/reachability").retrieve().body(PlatformView.class);
    model.addAttribute("view", view);
    model.addAttribute("verifiedPercent", Math.round(view.securityVerifiedShare() * 100));
    return "platform-tenants";
  }
}
