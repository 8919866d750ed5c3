package alerting.contacts.supportaccess;

import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.tenants.Tenants;
import alerting.events.SigningLinks;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where a confirming contact without an account reviews and signs the acknowledgment form, through
 * the signing link in their confirmation email or text. As with ack links, opening the link (GET)
 * only shows the request and the form, since mail scanners follow links too; only pressing Sign
 * (POST, with the typed name) confirms, signs and disables access. No sign-in: the sealed link,
 * sent to that contact alone, is the proof of who they are.
 */
@RestController
class SigningPageController {
  private static final Logger log = LoggerFactory.getLogger(SigningPageController.class);
  private final SigningLinkVerifier verifier;
  private final SupportAccessService service;
  private final Tenants tenants;
  private final MeterRegistry meters;

  SigningPageController(
      SigningLinkVerifier verifier,
      SupportAccessService service,
      Tenants tenants,
      MeterRegistry meters) {
    this.verifier = verifier;
    this.service = service;
    this.tenants = tenants;
    this.meters = meters;
  }

  @GetMapping(path = "/support-access/sign/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> review(@PathVariable String token) {
    return withLink(
        token,
        claims ->
            html(HttpStatus.OK, SigningPages.review(service.reviewByLink(claims), token, null)),
        "opened");
  }

  @PostMapping(
      path = "/support-access/sign/{token}",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> sign(
      @PathVariable String token,
      @RequestParam(required = false) String name,
      @RequestParam(required = false) String formVersion) {
    return withLink(
        token,
        claims -> {
          try {
            var signed = service.signByLink(claims, name, formVersion);
            log.info(
                "support-access request {} signed by {} through a signing link ({})",
                signed.requestId(),
                claims.contactId(),
                claims.channel());
            return html(
                HttpStatus.OK,
                SigningPages.signed(signed, tenants.require(signed.tenantId()).name()));
          } catch (InvalidRequestException bad) {
            // the name left out, or a form that changed since the page was shown: show it again
            return html(
                HttpStatus.BAD_REQUEST,
                SigningPages.review(service.reviewByLink(claims), token, bad.getMessage()));
          }
        },
        "signed");
  }

  private interface Action {
    ResponseEntity<String> apply(SigningLinks.Claims claims);
  }

  private ResponseEntity<String> withLink(String token, Action action, String success) {
    var result = verifier.verify(token);
    if (result instanceof SigningLinkVerifier.Expired) {
      return refused(
          HttpStatus.GONE,
          "expired-link",
          "This signing link has expired",
          "Signing links are valid for a limited time only.");
    }
    if (!(result instanceof SigningLinkVerifier.Valid valid)) {
      return refused(
          HttpStatus.BAD_REQUEST,
          "invalid-link",
          "This signing link is not valid",
          "It may have been cut short: open it again from the email or text we sent you.");
    }
    try {
      var response = action.apply(valid.claims());
      if (response.getStatusCode().is2xxSuccessful()) {
        count(success);
      }
      return response;
    } catch (SigningLinkRefused refused) {
      var gone = refused.getStatusCode().value() == HttpStatus.GONE.value();
      return refused(
          refused.getStatusCode(),
          gone ? "expired-request" : "used",
          gone ? "This request has expired" : "This signing link was already used",
          refused.getBody().getDetail());
    } catch (ErrorResponseException refused) {
      var detail = refused.getBody().getDetail();
      return switch (refused.getStatusCode().value()) {
        case 403 ->
            refused(
                refused.getStatusCode(),
                "not-signer",
                "This link cannot sign this request",
                detail);
        case 404 ->
            refused(
                refused.getStatusCode(),
                "unknown-request",
                "This signing link is not valid",
                detail);
        default -> refused(refused.getStatusCode(), "nothing-to-sign", "Nothing to sign", detail);
      };
    }
  }

  private ResponseEntity<String> refused(
      HttpStatusCode status, String reason, String heading, String why) {
    count("refused-" + reason);
    // a used link found its request done: asking again would undo nothing anyone wanted
    return html(status, SigningPages.refused(heading, why, !"used".equals(reason)));
  }

  private void count(String outcome) {
    Counter.builder("alerting.support.access.signing.links")
        .description(
            "Support-access signing links opened, signed with, or refused (and why), by outcome")
        .tag("outcome", outcome)
        .register(meters)
        .increment();
  }

  /**
   * The page URL holds the token: no Referer may carry it away, no cache may keep it, and no other
   * site may frame the Sign button to trick a click.
   */
  private static ResponseEntity<String> html(HttpStatusCode status, String body) {
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .header("Referrer-Policy", "no-referrer")
        .header("Cache-Control", "no-store")
        .header("X-Frame-Options", "DENY")
        .header("X-Content-Type-Options", "nosniff")
        .header("Content-Security-Policy", SigningPages.CONTENT_SECURITY_POLICY)
        .body(body);
  }
}
