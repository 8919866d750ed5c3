package alerting.console.contacts;

import alerting.console.contacts.ContactsClient.Method;
import alerting.console.system.ServiceProblem;
import alerting.console.system.SignedIn;
import alerting.events.Contact;
import alerting.events.ContactRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * My Account Contacts: everyone of the tenant reads it; only tenant admins see the buttons, and
 * contact-service refuses changes from anyone else whatever the page shows.
 */
@Controller
class ContactsController {
  static final Map<ContactRole, String> ROLE_NAMES =
      Map.of(
          ContactRole.PRIMARY_SECURITY, "Primary Security",
          ContactRole.CIO_CISO, "CIO/CISO",
          ContactRole.PRIMARY_IT, "Primary IT");
  private static final org.slf4j.Logger log =
      org.slf4j.LoggerFactory.getLogger(ContactsController.class);
  private final ContactsClient contacts;

  ContactsController(ContactsClient contacts) {
    this.contacts = contacts;
  }

  @GetMapping("/contacts")
  String list(@AuthenticationPrincipal OidcUser user, Model model) {
    var me = SignedIn.tenantMember(user);
    model.addAttribute("contactsByRole", contacts.contacts(me.tenant()));
    model.addAttribute("roleNames", ROLE_NAMES);
    var reachability = reachability(me.tenant());
    model.addAttribute("reachability", reachability);
    model.addAttribute("verdicts", reachability == null ? Map.of() : reachability.byMethod());
    return "contacts";
  }

  /**
   * Each method's verdict beside it; the contacts themselves matter more than the verdicts, so a
   * failure to read these leaves the page without them rather than failing it.
   */
  private ContactsClient.Reachability reachability(String tenant) {
    try {
      return contacts.reachability(tenant);
    } catch (RuntimeException e) {
      log.warn("reachability of {} not shown: {}", tenant, e.getMessage());
      return null;
    }
  }

  /** Verify contacts: every method of every contact gets one test message to confirm. */
  @PostMapping("/contacts/verify")
  String verify(@AuthenticationPrincipal OidcUser user, RedirectAttributes redirect) {
    var me = SignedIn.tenantMember(user);
    try {
      var drill = contacts.startDrill(me.tenant());
      redirect.addFlashAttribute(
          "done",
          "Verification sent: "
              + drill.methods()
              + " test message(s), one to each contact method. Each contact confirms theirs the"
              + " way the message says; this page shows who has.");
    } catch (ServiceProblem problem) {
      if (problem.status() != 409 && problem.status() != 403) {
        throw problem;
      }
      redirect.addFlashAttribute("warnings", List.of(problem.getMessage()));
    }
    return "redirect:/contacts";
  }

  /** Search as you type: the results fragment htmx swaps under the search box. */
  @GetMapping("/contacts/search")
  String search(
      @AuthenticationPrincipal OidcUser user,
      @RequestParam(defaultValue = "") String q,
      Model model) {
    var me = SignedIn.tenantMember(user);
    model.addAttribute("q", q);
    if (q.strip().length() < 2) {
      model.addAttribute("people", List.of());
      model.addAttribute("hint", "Type at least two characters of a name or email.");
    } else {
      model.addAttribute("people", contacts.search(me.tenant(), q.strip()));
    }
    return "contacts :: results";
  }

  /** Step two of Add contact: choose the contact types, then Confirm. */
  @GetMapping("/contacts/add")
  String chooseRoles(
      @AuthenticationPrincipal OidcUser user,
      @RequestParam String personId,
      @RequestParam(defaultValue = "") String name,
      Model model) {
    var me = SignedIn.tenantMember(user);
    model.addAttribute("personId", personId);
    model.addAttribute("name", name.isBlank() ? personId : name);
    model.addAttribute("roleNames", ROLE_NAMES);
    model.addAttribute(
        "hasCioCiso",
        !contacts.contacts(me.tenant()).getOrDefault(ContactRole.CIO_CISO, List.of()).isEmpty());
    return "contact-add";
  }

  @PostMapping("/contacts/add")
  String add(
      @AuthenticationPrincipal OidcUser user,
      @RequestParam String personId,
      @RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) List<String> roles,
      @RequestParam(defaultValue = "") String title,
      Model model,
      RedirectAttributes redirect) {
    var me = SignedIn.tenantMember(user);
    try {
      var added =
          contacts.add(
              me.tenant(),
              new ContactsClient.AddCommand(
                  personId, roles == null ? List.of() : roles, blankToNull(title), null));
      redirect.addFlashAttribute(
          "done",
          added.contact().displayName()
              + " is now a security contact. "
              + "Everyone concerned gets an email about the change.");
      redirect.addFlashAttribute("warnings", added.warnings());
      return "redirect:/contacts";
    } catch (ServiceProblem problem) {
      if (problem.status() != 400 && problem.status() != 409) {
        throw problem;
      }
      model.addAttribute("personId", personId);
      model.addAttribute("name", name.isBlank() ? personId : name);
      model.addAttribute("roleNames", ROLE_NAMES);
      model.addAttribute("hasCioCiso", false);
      model.addAttribute("problem", problem);
      return "contact-add";
    }
  }

  @GetMapping("/contacts/{contactId}/remove")
  String confirmRemove(
      @AuthenticationPrincipal OidcUser user,
      @PathVariable String contactId,
      @RequestParam ContactRole role,
      Model model) {
    var me = SignedIn.tenantMember(user);
    model.addAttribute("contact", find(me.tenant(), contactId));
    model.addAttribute("role", role);
    model.addAttribute("roleName", ROLE_NAMES.get(role));
    return "contact-remove";
  }

  @PostMapping("/contacts/{contactId}/remove")
  String remove(
      @AuthenticationPrincipal OidcUser user,
      @PathVariable String contactId,
      @RequestParam ContactRole role,
      RedirectAttributes redirect) {
    var me = SignedIn.tenantMember(user);
    var contact = find(me.tenant(), contactId);
    contacts.removeRole(me.tenant(), contactId, role);
    redirect.addFlashAttribute(
        "done",
        contact.displayName()
            + " is no longer a "
            + ROLE_NAMES.get(role)
            + " contact. Everyone concerned gets an email about the change.");
    return "redirect:/contacts";
  }

  @GetMapping("/contacts/{contactId}/methods")
  String methods(
      @AuthenticationPrincipal OidcUser user, @PathVariable String contactId, Model model) {
    var me = SignedIn.tenantMember(user);
    var contact = find(me.tenant(), contactId);
    var rows =
        new ArrayList<>(
            contact.methods().stream()
                .map(m -> new Method(m.channel().name(), m.address()))
                .toList());
    return methodsForm(model, contact, rows, null);
  }

  /**
   * Save, or move a row up or down (the order is the order escalation tries them in); the form is
   * re-shown until saved, so a mistake is fixed in place.
   */
  @PostMapping("/contacts/{contactId}/methods")
  String saveMethods(
      @AuthenticationPrincipal OidcUser user,
      @PathVariable String contactId,
      @RequestParam(name = "channel", required = false) List<String> channels,
      @RequestParam(name = "address", required = false) List<String> addresses,
      @RequestParam(required = false) String move,
      Model model,
      RedirectAttributes redirect) {
    var me = SignedIn.tenantMember(user);
    var contact = find(me.tenant(), contactId);
    var rows = MethodRows.of(channels, addresses);
    if (move != null) {
      return methodsForm(model, contact, MethodRows.move(rows, move), null);
    }
    try {
      contacts.replaceMethods(me.tenant(), contactId, rows);
      redirect.addFlashAttribute("done", "Contact methods of " + contact.displayName() + " saved.");
      return "redirect:/contacts";
    } catch (ServiceProblem problem) {
      if (problem.status() != 400) {
        throw problem;
      }
      return methodsForm(model, contact, rows, problem);
    }
  }

  private String methodsForm(
      Model model, Contact contact, List<Method> rows, ServiceProblem problem) {
    var shown = new ArrayList<>(rows);
    shown.add(new Method("", ""));
    model.addAttribute("contact", contact);
    model.addAttribute("rows", shown);
    model.addAttribute("problem", problem);
    model.addAttribute("problemRow", problem == null ? -1 : MethodRows.rowOf(problem.field()));
    return "contact-methods";
  }

  @GetMapping("/history")
  String history(@AuthenticationPrincipal OidcUser user, Model model) {
    var me = SignedIn.tenantMember(user);
    model.addAttribute("entries", contacts.history(me.tenant()));
    return "history";
  }

  private Contact find(String tenant, String contactId) {
    return contacts.contacts(tenant).values().stream()
        .flatMap(List::stream)
        .filter(c -> c.contactId().equals(contactId))
        .findFirst()
        .orElseThrow(
            () ->
                new ServiceProblem(
                    404, "Not found", "No contact " + contactId + " in your organisation.", null));
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
