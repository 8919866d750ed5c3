package alerting.contacts.supportaccess;

import alerting.contacts.system.Caller;
import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.system.TenantAccess;
import alerting.contacts.tenants.Tenants;
import alerting.events.SupportAccessChanged.Action;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class SupportAccessController {
  private final Tenants tenants;
  private final SupportAccessService service;

  SupportAccessController(Tenants tenants, SupportAccessService service) {
    this.tenants = tenants;
    this.service = service;
  }

  record RequestCommand(String action, String onBehalfOf, String contactAfterReview) {}

  record SignatureCommand(String name, String formVersion) {}

  record RequestView(
      String requestId,
      Action action,
      SupportAccessRequests.Status status,
      String requestedBy,
      String onBehalfOf,
      String contactAfterReview,
      String confirmedBy,
      String confirmedChannel,
      String signedName,
      Instant signedAt,
      String formVersion,
      Instant createdAt,
      Instant expiresAt,
      String signedBy,
      SupportAccessRequests.SignatureVerification signatureVerifiedBy) {
    static RequestView of(SupportAccessRequests.Request r) {
      return new RequestView(
          r.requestId(),
          r.action(),
          r.status(),
          r.requestedBy(),
          r.onBehalfOf(),
          r.contactAfterReview(),
          r.confirmedBy(),
          r.confirmedChannel(),
          r.signedName(),
          r.signedAt(),
          r.formVersion(),
          r.createdAt(),
          r.expiresAt(),
          r.signedBy(),
          r.signatureVerifiedBy());
    }
  }

  record AccessView(String tenantId, boolean allowed, RequestView openRequest) {}

  /** For support tooling too: whether support staff may read this tenant's data right now. */
  @GetMapping("/api/tenants/{tenantId}/support-access")
  AccessView access(@AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    var caller = Caller.of(jwt);
    if (!caller.isSupport()) {
      TenantAccess.member(jwt, tenantId);
    }
    tenants.require(tenantId);
    var open = caller.isSupport() ? null : service.open(tenantId).map(RequestView::of).orElse(null);
    return new AccessView(tenantId, service.isAllowed(tenantId), open);
  }

  @GetMapping("/api/tenants/{tenantId}/support-access/form")
  Map<String, String> form(@AuthenticationPrincipal Jwt jwt, @PathVariable String tenantId) {
    TenantAccess.member(jwt, tenantId);
    return Map.of("version", service.form().version(), "text", service.form().text());
  }

  @PostMapping("/api/tenants/{tenantId}/support-access/requests")
  ResponseEntity<RequestView> request(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @RequestBody RequestCommand command) {
    var caller = TenantAccess.member(jwt, tenantId);
    var request =
        service.request(
            caller,
            tenantId,
            action(command.action()),
            blankToNull(command.onBehalfOf()),
            InvalidRequestException.atMostText(
                1000, blankToNull(command.contactAfterReview()), "contactAfterReview"));
    return ResponseEntity.accepted()
        .location(
            URI.create(
                "/api/tenants/" + tenantId + "/support-access/requests/" + request.requestId()))
        .body(RequestView.of(request));
  }

  @GetMapping("/api/tenants/{tenantId}/support-access/requests/{requestId}")
  RequestView status(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String requestId) {
    TenantAccess.member(jwt, tenantId);
    return RequestView.of(service.find(tenantId, requestId));
  }

  @PostMapping("/api/tenants/{tenantId}/support-access/requests/{requestId}/signature")
  RequestView sign(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String requestId,
      @RequestBody SignatureCommand command) {
    var caller = TenantAccess.member(jwt, tenantId);
    service.sign(caller, tenantId, requestId, command.name(), command.formVersion());
    return RequestView.of(service.find(tenantId, requestId));
  }

  @PostMapping("/api/tenants/{tenantId}/support-access/requests/{requestId}/cancel")
  RequestView cancel(
      @AuthenticationPrincipal Jwt jwt,
      @PathVariable String tenantId,
      @PathVariable String requestId) {
    var caller = TenantAccess.member(jwt, tenantId);
    service.cancel(caller, tenantId, requestId);
    return RequestView.of(service.find(tenantId, requestId));
  }

  private static Action action(String value) {
    try {
      return Action.valueOf(value.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException("action", "use DISABLE or ENABLE, was " + value);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
