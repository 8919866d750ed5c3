package alerting.contacts.tenants;

import alerting.contacts.system.ConflictException;
import alerting.contacts.system.EmailAddresses;
import alerting.contacts.system.InvalidRequestException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Internal API for the platform role: tenants and their users (and who is a tenant admin). */
@RestController
class TenantProvisioningController {
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{1,62}");
  private final Tenants tenants;
  private final People people;

  TenantProvisioningController(Tenants tenants, People people) {
    this.tenants = tenants;
    this.people = people;
  }

  record CreateTenantCommand(String tenantId, String name) {}

  record CreateUserCommand(String userId, String displayName, String email, boolean tenantAdmin) {}

  @PostMapping("/internal/tenants")
  ResponseEntity<Tenant> createTenant(@RequestBody CreateTenantCommand command) {
    requireId(command.tenantId(), "tenantId");
    requireText(command.name(), "name");
    InvalidRequestException.atMost(200, command.name().strip(), "name");
    var created = tenants.create(command.tenantId(), command.name().strip());
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/internal/tenants/" + command.tenantId()))
        .body(tenants.require(command.tenantId()));
  }

  @PostMapping("/internal/tenants/{tenantId}/users")
  @Transactional
  ResponseEntity<Person> createUser(
      @PathVariable String tenantId, @RequestBody CreateUserCommand command) {
    tenants.require(tenantId);
    requireId(command.userId(), "userId");
    requireText(command.displayName(), "displayName");
    InvalidRequestException.atMost(200, command.displayName().strip(), "displayName");
    var email = EmailAddresses.checked(command.email(), "email");
    if (people.find(tenantId, command.userId()).isPresent()) {
      throw new ConflictException("user " + command.userId() + " already exists in " + tenantId);
    }
    var person =
        new Person(
            command.userId(),
            tenantId,
            command.displayName().strip(),
            email,
            command.tenantAdmin(),
            true);
    people.add(person);
    return ResponseEntity.created(
            URI.create("/internal/tenants/" + tenantId + "/users/" + person.personId()))
        .body(person);
  }

  private static void requireId(String value, String field) {
    if (value == null || !ID.matcher(value).matches()) {
      throw new InvalidRequestException(
          field,
          "must be 2-63 lower-case letters, digits, dots, dashes or underscores, was " + value);
    }
  }

  private static void requireText(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new InvalidRequestException(field, "is required");
    }
  }
}
