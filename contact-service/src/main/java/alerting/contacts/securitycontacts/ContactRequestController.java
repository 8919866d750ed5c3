package alerting.contacts.securitycontacts;

import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.system.NotFoundException;
import alerting.contacts.system.TenantAccess;
import alerting.contacts.tenants.Tenants;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Adding a person who is not in the system is asynchronous: the request is checked and accepted at
 * once (202), and its status moves from RECEIVED to COMPLETED or REJECTED.
 */
@RestController
class ContactRequestController {
  private final Tenants tenants;
  private final ContactRequests requests;
  private final ContactMethodParser methods;
  private final JsonMapper json;

  ContactRequestController(
      Tenants tenants, ContactRequests requests, ContactMethodParser methods, JsonMapper json) {
    this.tenants = tenants;
    this.requests = requests;
    this.methods = methods;
    this.json = json;
  }

  /** {@code reason} says why a request was REJECTED; a COMPLETED one may carry {@code warnings}. */
  record RequestStatus(
      String requestId,
      ContactRequests.Status status,
      String contactId,
      String reason,
      List<String> warnings,
      Instant receivedAt,
      Instant updatedAt) {
    static RequestStatus of(ContactRequests.Request r) {
      var completed = r.status() == ContactRequests.Status.COMPLETED;
      var warnings =
          completed && r.reason() != null ? r.reason().lines().toList() : List.<String>of();
      return new RequestStatus(
          r.requestId(),
          r.status(),
          r.contactId(),
          completed ? null : r.reason(),
          warnings,
          r.createdAt(),
          r.updatedAt());
    }
  }

  @PostMapping("/api/tenants/{tenantId}/contact-requests")
  ResponseEntity<RequestStatus> request(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @RequestBody NewPersonCommand command) {
    var caller = TenantAccess.admin(jwt, tenantId);
    tenants.require(tenantId);
    var checked = check(command);
    var requestId = UUID.randomUUID().toString();
    requests.add(
        requestId, tenantId, json.writeValueAsString(checked), caller.userId(), caller.name());
    return ResponseEntity.accepted()
        .location(URI.create("/api/tenants/" + tenantId + "/contact-requests/" + requestId))
        .body(RequestStatus.of(requests.find(tenantId, requestId).orElseThrow()));
  }

  @GetMapping("/api/tenants/{tenantId}/contact-requests/{requestId}")
  RequestStatus status(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String requestId) {
    TenantAccess.admin(jwt, tenantId);
    return requests
        .find(tenantId, requestId)
        .map(RequestStatus::of)
        .orElseThrow(
            () -> new NotFoundException("no contact request " + requestId + " in " + tenantId));
  }

  /** Everything that can be checked up front is, so a bad request fails now with a 400. */
  private NewPersonCommand check(NewPersonCommand command) {
    if (command.displayName() == null || command.displayName().isBlank()) {
      throw new InvalidRequestException("displayName", "is required");
    }
    InvalidRequestException.atMost(Roles.MAX_NAME, command.displayName().strip(), "displayName");
    InvalidRequestException.atMost(Roles.MAX_TITLE, command.title(), "title");
    var email =
        command.email() == null || command.email().isBlank()
            ? null
            : ContactMethodParser.email(command.email(), "email");
    var roles = Roles.parse(command.roles(), "roles").stream().map(Enum::name).toList();
    var parsed = methods.parseAll(command.methods(), "methods");
    // stored as checked and normalised, so the worker never meets what could not be stored or
    // parsed
    return new NewPersonCommand(
        command.displayName().strip(),
        email,
        command.title(),
        roles,
        parsed.stream().map(m -> new MethodInput(m.channel().name(), m.address())).toList());
  }
}
