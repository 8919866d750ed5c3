package alerting.dispatcher.contactchanges;

import alerting.dispatcher.email.EmailProvider.Mail;
import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactRemoved;
import alerting.events.ContactUpdated;
import alerting.events.Event;
import alerting.events.SupportAccessChanged;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.web.util.HtmlUtils;

/** The email announcing a contact or support-access change to the addresses it names. */
final class ChangeEmail {
  private ChangeEmail() {}

  static Optional<Mail> of(Event event) {
    if (event instanceof ContactAdded added) {
      return mail(added.notifyEmails(), added.tenantName(), added.tenantId(),
          added.contact().displayName(), "was added as a security contact", describe(added.contact()), added.actor().displayName(),
          added.eventId().toString());
    }
    if (event instanceof ContactUpdated updated) {
      return mail(updated.notifyEmails(), updated.tenantName(), updated.tenantId(),
          updated.after().displayName(), "had their security contact details changed",
          "Before: " + describe(updated.before()) + "\nAfter: " + describe(updated.after()),
          updated.actor().displayName(), updated.eventId().toString());
    }
    if (event instanceof ContactRemoved removed) {
      return mail(removed.notifyEmails(), removed.tenantName(), removed.tenantId(),
          removed.before().displayName(), "is no longer a security contact", describe(removed.before()),
          removed.actor().displayName(), removed.eventId().toString());
    }
    if (event instanceof SupportAccessChanged step && !step.notifyEmails().isEmpty()) {
      return Optional.of(supportAccess(step));
    }
    return Optional.empty();
  }

  /** Security contacts are told when support staff lose or regain access to their tenant. */
  private static Mail supportAccess(SupportAccessChanged step) {
    var tenant = step.tenantName() == null ? step.tenantId() : step.tenantName();
    var state = step.allowed() ? "enabled" : "disabled";
    var subject = "Customer Support Access for " + tenant + " is " + state;
    var text = "Customer Support Access for " + tenant + " is now " + state + " (" + step.step()
        + ", request " + step.requestId() + ").\n\n" + (step.detail() == null ? "" : step.detail()) + "\n\n"
        + "Support staff " + (step.allowed() ? "may again" : "can no longer")
        + " troubleshoot your tenant or read its logs and contacts.\n"
        + "If you did not expect this change, contact your administrator at once.\n";
    var html = "<html><body><p>Customer Support Access for <b>" + esc(tenant) + "</b> is now <b>" + state
        + "</b>.</p><p>" + esc(step.detail()) + "</p><p>If you did not expect this change, contact your"
        + " administrator at once.</p></body></html>";
    return new Mail(step.notifyEmails(), subject, text, html, step.eventId().toString());
  }

  private static Optional<Mail> mail(java.util.List<String> to, String tenantName, String tenantId,
      String name, String what, String details, String actor, String traceId) {
    if (to.isEmpty()) {
      return Optional.empty();
    }
    var tenant = tenantName == null ? tenantId : tenantName;
    var subject = "Security contacts of " + tenant + ": " + name + " " + what;
    var by = actor == null ? "" : " by " + actor;
    var text = """
        The security contacts of %s changed%s:

        %s %s.

        %s

        If you did not expect this change, contact your administrator at once.
        """.formatted(tenant, by, name, what, details);
    var html = "<html><body><p>The security contacts of <b>" + esc(tenant) + "</b> changed"
        + esc(by) + ":</p><p>" + esc(name) + " " + esc(what) + ".</p><pre>" + esc(details)
        + "</pre><p>If you did not expect this change, contact your administrator at once.</p>"
        + "</body></html>";
    return Optional.of(new Mail(to, subject, text, html, traceId));
  }

  private static String describe(Contact c) {
    var roles = c.roles().stream().map(Enum::name).sorted().collect(Collectors.joining(", "));
    var methods = c.methods().stream().map(m -> m.channel() + " " + m.address())
        .collect(Collectors.joining(", "));
    return c.displayName() + " (" + roles + "; " + (methods.isEmpty() ? "no contact method" : methods) + ")";
  }

  private static String esc(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
