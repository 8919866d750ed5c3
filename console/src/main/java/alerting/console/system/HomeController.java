package alerting.console.system;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** Each person starts where their work is: tenant people at their contacts, staff at incidents. */
@Controller
class HomeController {

  @GetMapping("/")
  String home(@AuthenticationPrincipal OidcUser user) {
    var me = SignedIn.of(user);
    return me.isTenantMember() ? "redirect:/contacts" : "redirect:/incidents";
  }
}
