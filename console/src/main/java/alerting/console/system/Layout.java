package alerting.console.system;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's frame shows: who is signed in, for the navigation and the banner. */
@ControllerAdvice
class Layout {

  @ModelAttribute("me")
  SignedIn me(@AuthenticationPrincipal OidcUser user) {
    return user == null ? null : SignedIn.of(user);
  }

  /** Where a banner's Dismiss comes back to (Thymeleaf no longer exposes the request). */
  @ModelAttribute("currentPath")
  String currentPath(HttpServletRequest request) {
    return request.getRequestURI();
  }
}
