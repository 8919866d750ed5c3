package alerting.console.supportaccess;

import alerting.console.system.ServiceApis.ContactServiceApi;
import alerting.console.system.ServiceProblem;
import alerting.console.system.SignedIn;
import alerting.events.Contact;
import alerting.events.ContactRole;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The tenant's Customer Support Access: whether support may help, the open request and its steps
 * (confirmation by the security contact, the signed form), and the buttons for each step.
 */
@Controller
class SupportAccessController {
  record RequestView(
      String requestId,
      String action,
      String status,
      String requestedBy,
      String onBehalfOf,
      String contactAfterReview,
      String confirmedBy,
      String confirmedChannel,
      String signedName,
      Instant signedAt,
      String formVersion,
      Instant createdAt,
      Instant expiresAt) {}

  record AccessView(String tenantId, boolean allowed, RequestView openRequest) {}

  record Form(String version, String text) {}

  private final ContactServiceApi api;

  SupportAccessController(ContactServiceApi api) {
    this.api = api;
  }

  @GetMapping("/support-access")
  String page(@AuthenticationPrincipal OidcUser user, Model model) {
    var me = SignedIn.tenantMember(user);
    var access =
        api.http()
            .get()
            .uri("/api/tenants/{t}/support-access", me.tenant())
            .retrieve()
            .body(AccessView.class);
    model.addAttribute("access", access);
    model.addAttribute(
        "form",
        api.http()
            .get()
            .uri("/api/tenants/{t}/support-access/form", me.tenant())
            .retrieve()
            .body(Form.class));
    var securityContacts = primarySecurity(me.tenant());
    model.addAttribute("securityContacts", securityContacts);
    model.addAttribute(
        "isPrimarySecurity",
        securityContacts.stream().anyMatch(c -> c.contactId().equals(me.id())));
    return "support-access";
  }

  @PostMapping("/support-access/requests")
  String request(
      @AuthenticationPrincipal OidcUser user,
      @RequestParam String action,
      @RequestParam(defaultValue = "") String onBehalfOf,
      @RequestParam(defaultValue = "") String contactAfterReview,
      RedirectAttributes redirect) {
    var me = SignedIn.tenantMember(user);
    var body = new HashMap<String, String>();
    body.put("action", action);
    if (!onBehalfOf.isBlank()) {
      body.put("onBehalfOf", onBehalfOf);
    }
    if (!contactAfterReview.isBlank()) {
      body.put("contactAfterReview", contactAfterReview.strip());
    }
    return step(
        redirect,
        () ->
            api.http()
                .post()
                .uri("/api/tenants/{t}/support-access/requests", me.tenant())
                .body(body)
                .retrieve()
                .toBodilessEntity(),
        "Request received. The security contact is asked to confirm it"
            + ("ENABLE".equals(action)
                ? " by phone."
                : " (email first), and signs the form with the link we send them, no account"
                    + " needed, or here."));
  }

  @PostMapping("/support-access/requests/{requestId}/signature")
  String sign(
      @AuthenticationPrincipal OidcUser user,
      @PathVariable String requestId,
      @RequestParam String name,
      @RequestParam String formVersion,
      RedirectAttributes redirect) {
    var me = SignedIn.tenantMember(user);
    return step(
        redirect,
        () ->
            api.http()
                .post()
                .uri(
                    "/api/tenants/{t}/support-access/requests/{r}/signature",
                    me.tenant(),
                    requestId)
                .body(Map.of("name", name, "formVersion", formVersion))
                .retrieve()
                .toBodilessEntity(),
        "Form signed.");
  }

  @PostMapping("/support-access/requests/{requestId}/cancel")
  String cancel(
      @AuthenticationPrincipal OidcUser user,
      @PathVariable String requestId,
      RedirectAttributes redirect) {
    var me = SignedIn.tenantMember(user);
    return step(
        redirect,
        () ->
            api.http()
                .post()
                .uri("/api/tenants/{t}/support-access/requests/{r}/cancel", me.tenant(), requestId)
                .retrieve()
                .toBodilessEntity(),
        "Request cancelled.");
  }

  /** A refused step is shown on the page, with the field it is about when there is one. */
  private static String step(RedirectAttributes redirect, Runnable call, String done) {
    try {
      call.run();
      redirect.addFlashAttribute("done", done);
    } catch (ServiceProblem problem) {
      if (problem.status() >= 500 || problem.status() == 401) {
        throw problem;
      }
      redirect.addFlashAttribute("problem", problem.getMessage());
      redirect.addFlashAttribute("problemField", problem.field());
    }
    return "redirect:/support-access";
  }

  private List<Contact> primarySecurity(String tenant) {
    var contacts =
        api.http()
            .get()
            .uri("/api/tenants/{t}/contacts", tenant)
            .retrieve()
            .body(new ParameterizedTypeReference<Map<ContactRole, List<Contact>>>() {});
    return contacts == null
        ? List.of()
        : contacts.getOrDefault(ContactRole.PRIMARY_SECURITY, List.of());
  }
}
