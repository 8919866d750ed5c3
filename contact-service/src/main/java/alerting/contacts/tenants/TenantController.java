package alerting.contacts.tenants;

import alerting.contacts.system.InvalidRequestException;
import java.net.URI;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Internal provisioning API for tenants. */
@RestController
class TenantController {
  private static final Pattern TENANT_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
  private final Tenants tenants;

  TenantController(Tenants tenants) {
    this.tenants = tenants;
  }

  record CreateTenantCommand(String tenantId, String name) {}

  @PostMapping("/api/tenants")
  ResponseEntity<Tenant> create(@RequestBody CreateTenantCommand command) {
    if (command.tenantId() == null || !TENANT_ID.matcher(command.tenantId()).matches()) {
      throw new InvalidRequestException(
          "tenantId must be 2-63 lower-case letters, digits or dashes, was " + command.tenantId());
    }
    if (command.name() == null || command.name().isBlank()) {
      throw new InvalidRequestException("name is required");
    }
    var created = tenants.create(command.tenantId(), command.name().strip());
    var tenant = tenants.require(command.tenantId());
    return ResponseEntity.status(created ? HttpStatus.CREATED : HttpStatus.OK)
        .location(URI.create("/api/tenants/" + tenant.tenantId()))
        .body(tenant);
  }

  @GetMapping("/api/tenants/{tenantId}")
  Tenant get(@PathVariable String tenantId) {
    return tenants.require(tenantId);
  }
}
