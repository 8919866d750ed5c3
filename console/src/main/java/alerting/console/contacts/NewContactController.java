package alerting.console.contacts;

import alerting.console.contacts.ContactsClient.Method;
import alerting.console.system.ServiceProblem;
import alerting.console.system.SignedIn;
import java.util.ArrayList;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Add new contact (someone not in the directory yet): "request received" at once, then "contact
 * added" or the reason it was refused, polled in place without a reload.
 */
@Controller
class NewContactController {
  private final ContactsClient contacts;

  NewContactController(ContactsClient contacts) {
    this.contacts = contacts;
  }

  /** What the form sends; kept to re-show it with the messages. */
  record NewContactForm(
      String displayName,
      String email,
      String title,
      List<String> roles,
      String sms,
      String voice) {
    NewContactForm {
      roles = roles == null ? List.of() : roles;
    }
  }

  @GetMapping("/contacts/new")
  String form(@AuthenticationPrincipal OidcUser user, Model model) {
    SignedIn.tenantMember(user);
    model.addAttribute("form", new NewContactForm("", "", "", List.of("PRIMARY_SECURITY"), "", ""));
    model.addAttribute("roleNames", ContactsController.ROLE_NAMES);
    return "contact-new";
  }

  @PostMapping("/contacts/new")
  String submit(
      @AuthenticationPrincipal OidcUser user, @ModelAttribute NewContactForm form, Model model) {
    var me = SignedIn.tenantMember(user);
    model.addAttribute("form", form);
    model.addAttribute("roleNames", ContactsController.ROLE_NAMES);
    var methods = new ArrayList<Method>();
    if (form.email() != null && !form.email().isBlank()) {
      methods.add(new Method("EMAIL", form.email().strip()));
    }
    if (form.sms() != null && !form.sms().isBlank()) {
      methods.add(new Method("SMS", form.sms().strip()));
    }
    if (form.voice() != null && !form.voice().isBlank()) {
      methods.add(new Method("VOICE", form.voice().strip()));
    }
    try {
      var request =
          contacts.requestNewPerson(
              me.tenant(),
              new ContactsClient.NewPersonCommand(
                  form.displayName(),
                  ContactsController.blankToNull(form.email()),
                  ContactsController.blankToNull(form.title()),
                  form.roles(),
                  methods));
      model.addAttribute("request", request);
      return "contact-new";
    } catch (ServiceProblem problem) {
      if (problem.status() != 400) {
        throw problem;
      }
      model.addAttribute("problem", problem);
      model.addAttribute("problemField", formField(problem.field(), methods));
      return "contact-new";
    }
  }

  /** The request's progress, polled by the page until it is settled. */
  @GetMapping("/contacts/requests/{requestId}")
  String progress(
      @AuthenticationPrincipal OidcUser user, @PathVariable String requestId, Model model) {
    var me = SignedIn.tenantMember(user);
    model.addAttribute("request", contacts.request(me.tenant(), requestId));
    return "contact-new :: progress";
  }

  /** Maps the API's field ("methods[1].address") onto the form's input. */
  static String formField(String field, List<Method> methods) {
    if (field == null) {
      return null;
    }
    var row = MethodRows.rowOf(field);
    if (row >= 0 && row < methods.size()) {
      return switch (methods.get(row).channel()) {
        case "SMS" -> "sms";
        case "VOICE" -> "voice";
        default -> "email";
      };
    }
    return field.startsWith("methods") ? "email" : field;
  }
}
