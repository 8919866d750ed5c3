package alerting.contacts.securitycontacts;

import alerting.contacts.snapshots.TenantContactsChanged;
import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.tenants.Tenants;
import alerting.events.Contact;
import alerting.events.ContactRole;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Tenant-scoped API to list and add security contacts. */
@RestController
class SecurityContactController {
  private final Tenants tenants;
  private final SecurityContacts contacts;
  private final ContactMethodParser methodParser;
  private final ApplicationEventPublisher events;

  SecurityContactController(Tenants tenants, SecurityContacts contacts,
      ContactMethodParser methodParser, ApplicationEventPublisher events) {
    this.tenants = tenants;
    this.contacts = contacts;
    this.methodParser = methodParser;
    this.events = events;
  }

  record MethodInput(String channel, String address) {}

  record AddContactCommand(String displayName, String title, List<String> roles,
      List<MethodInput> methods) {}

  @GetMapping("/api/tenants/{tenantId}/contacts")
  List<Contact> list(@PathVariable String tenantId) {
    tenants.require(tenantId);
    return contacts.ofTenant(tenantId);
  }

  @PostMapping("/api/tenants/{tenantId}/contacts")
  @Transactional
  ResponseEntity<Contact> add(@PathVariable String tenantId, @RequestBody AddContactCommand command) {
    tenants.require(tenantId);
    var contact = toContact(command);
    contacts.add(tenantId, contact);
    tenants.touch(tenantId);
    events.publishEvent(new TenantContactsChanged(tenantId));
    return ResponseEntity
        .created(URI.create("/api/tenants/" + tenantId + "/contacts/" + contact.contactId()))
        .body(contact);
  }

  private Contact toContact(AddContactCommand command) {
    if (command.displayName() == null || command.displayName().isBlank()) {
      throw new InvalidRequestException("displayName is required");
    }
    if (command.roles() == null || command.roles().isEmpty()) {
      throw new InvalidRequestException("roles must name at least one of " + List.of(ContactRole.values()));
    }
    if (command.methods() == null || command.methods().isEmpty()) {
      throw new InvalidRequestException("methods must list at least one way to reach the contact");
    }
    var roles = EnumSet.noneOf(ContactRole.class);
    for (var role : command.roles()) {
      try {
        roles.add(ContactRole.valueOf(role.strip().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw new InvalidRequestException("unknown role " + role + "; use one of " + List.of(ContactRole.values()));
      }
    }
    var methods = command.methods().stream()
        .map(m -> methodParser.parse(m.channel(), m.address()))
        .toList();
    return new Contact(UUID.randomUUID().toString(), command.displayName().strip(),
        command.title(), roles, methods);
  }
}
