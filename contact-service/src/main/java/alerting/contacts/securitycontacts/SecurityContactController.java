package alerting.contacts.securitycontacts;

import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.system.TenantAccess;
import alerting.contacts.system.TenantReads;
import alerting.contacts.tenants.People;
import alerting.contacts.tenants.Person;
import alerting.contacts.tenants.Tenants;
import alerting.events.Contact;
import alerting.events.ContactRole;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Tenant-scoped API: members (and support, unless the tenant blocked it) read; tenant admins
 * change.
 */
@RestController
class SecurityContactController {
  private final Tenants tenants;
  private final People people;
  private final SecurityContacts contacts;
  private final SecurityContactService service;
  private final ContactMethodParser methods;
  private final TenantReads reads;

  SecurityContactController(
      Tenants tenants,
      People people,
      SecurityContacts contacts,
      SecurityContactService service,
      ContactMethodParser methods,
      TenantReads reads) {
    this.reads = reads;
    this.tenants = tenants;
    this.people = people;
    this.contacts = contacts;
    this.service = service;
    this.methods = methods;
  }

  record AddContactCommand(
      String personId, List<String> roles, String title, List<MethodInput> methods) {}

  record RolesCommand(List<String> roles) {}

  record MethodsCommand(List<MethodInput> methods) {}

  record ContactResponse(Contact contact, List<String> warnings) {
    static ContactResponse of(SecurityContactService.Result result) {
      return new ContactResponse(result.contact().orElse(null), result.warnings());
    }
  }

  /** Contacts grouped by role, in a fixed order; a person holding two roles appears twice. */
  @GetMapping("/api/tenants/{tenantId}/contacts")
  Map<ContactRole, List<Contact>> list(
      @AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    reads.reader(jwt, tenantId);
    tenants.require(tenantId);
    var all = contacts.ofTenant(tenantId);
    var grouped = new LinkedHashMap<ContactRole, List<Contact>>();
    for (var role : ContactRole.values()) {
      grouped.put(role, all.stream().filter(c -> c.roles().contains(role)).toList());
    }
    return grouped;
  }

  @GetMapping("/api/tenants/{tenantId}/directory")
  List<Person> search(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @RequestParam(name = "q", defaultValue = "") String query) {
    reads.reader(jwt, tenantId);
    tenants.require(tenantId);
    // the search is literal, but a query of wildcards alone must not pass for a name
    var typed = query.strip();
    if (typed.replace("%", "").replace("_", "").strip().length() < 2) {
      throw new InvalidRequestException("q", "type at least two characters of a name or email");
    }
    InvalidRequestException.atMost(Roles.MAX_NAME, typed, "q");
    return people.search(tenantId, typed);
  }

  @PostMapping("/api/tenants/{tenantId}/contacts")
  ResponseEntity<ContactResponse> add(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @RequestBody AddContactCommand command) {
    var caller = TenantAccess.admin(jwt, tenantId);
    if (command.personId() == null || command.personId().isBlank()) {
      throw new InvalidRequestException(
          "personId",
          "is required (search the directory); to add someone new, use contact-requests");
    }
    var roles = Roles.parse(command.roles(), "roles");
    InvalidRequestException.atMost(Roles.MAX_TITLE, command.title(), "title");
    var parsed =
        command.methods() == null || command.methods().isEmpty()
            ? List.<alerting.events.ContactMethod>of()
            : methods.parseAll(command.methods(), "methods");
    var result =
        service.addExisting(caller, tenantId, command.personId(), roles, command.title(), parsed);
    var contact = result.contact().orElseThrow();
    return ResponseEntity.created(
            URI.create("/api/tenants/" + tenantId + "/contacts/" + contact.contactId()))
        .body(ContactResponse.of(result));
  }

  @PutMapping("/api/tenants/{tenantId}/contacts/{contactId}/roles")
  ContactResponse changeRoles(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String contactId,
      @RequestBody RolesCommand command) {
    var caller = TenantAccess.admin(jwt, tenantId);
    return ContactResponse.of(
        service.changeRoles(caller, tenantId, contactId, Roles.parse(command.roles(), "roles")));
  }

  /** Replaces the methods; their order is the order escalation tries them in. */
  @PutMapping("/api/tenants/{tenantId}/contacts/{contactId}/methods")
  ContactResponse replaceMethods(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String contactId,
      @RequestBody MethodsCommand command) {
    var caller = TenantAccess.admin(jwt, tenantId);
    return ContactResponse.of(
        service.replaceMethods(
            caller, tenantId, contactId, methods.parseAll(command.methods(), "methods")));
  }

  @DeleteMapping("/api/tenants/{tenantId}/contacts/{contactId}/roles/{role}")
  ResponseEntity<ContactResponse> removeRole(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String contactId,
      @PathVariable String role) {
    var caller = TenantAccess.admin(jwt, tenantId);
    var result = service.removeRole(caller, tenantId, contactId, Roles.parseOne(role, "role"));
    return result.contact().isPresent()
        ? ResponseEntity.ok(ContactResponse.of(result))
        : ResponseEntity.noContent().build();
  }

  @DeleteMapping("/api/tenants/{tenantId}/contacts/{contactId}")
  ResponseEntity<Void> remove(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String contactId) {
    var caller = TenantAccess.admin(jwt, tenantId);
    service.remove(caller, tenantId, contactId);
    return ResponseEntity.noContent().build();
  }
}
