package alerting.contacts.supportaccess;

import alerting.contacts.history.ChangeHistory;
import alerting.contacts.securitycontacts.SecurityContacts;
import alerting.contacts.supportaccess.SupportAccessRequests.Request;
import alerting.contacts.supportaccess.SupportAccessRequests.SignatureVerification;
import alerting.contacts.supportaccess.SupportAccessRequests.Status;
import alerting.contacts.system.Caller;
import alerting.contacts.system.ConflictException;
import alerting.contacts.system.ContactServiceSettings;
import alerting.contacts.system.ForbiddenException;
import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.system.NotFoundException;
import alerting.contacts.system.SupportAccessStates;
import alerting.contacts.tenants.People;
import alerting.contacts.tenants.Person;
import alerting.contacts.tenants.Tenants;
import alerting.events.Actor;
import alerting.events.AlertAcknowledged;
import alerting.events.Channel;
import alerting.events.ConfirmationClosed;
import alerting.events.ConfirmationRequested;
import alerting.events.Contact;
import alerting.events.ContactMethod;
import alerting.events.ContactRole;
import alerting.events.SigningLinks;
import alerting.events.SupportAccessChanged;
import alerting.events.SupportAccessChanged.Action;
import alerting.events.SupportAccessChanged.Step;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Customer Support Access workflow. Every step commits with its history entry and its {@code
 * SupportAccessChanged} event (through the outbox); confirmations go out as alerts that the
 * tenant's Primary Security contacts must acknowledge, by phone when access is re-enabled.
 */
@Service
public class SupportAccessService {
  private static final Actor SYSTEM = new Actor("system", "Alert pipeline");
  private static final java.time.format.DateTimeFormatter WHEN =
      java.time.format.DateTimeFormatter.ofPattern(
              "d MMM yyyy, HH:mm 'UTC'", java.util.Locale.ENGLISH)
          .withZone(java.time.ZoneOffset.UTC);
  private final Tenants tenants;
  private final People people;
  private final SecurityContacts contacts;
  private final SupportAccessStates states;
  private final SupportAccessRequests requests;
  private final ChangeHistory history;
  private final AcknowledgmentForm form;
  private final ApplicationEventPublisher events;
  private final ContactServiceSettings.SupportAccess settings;
  private final Clock clock = Clock.systemUTC();

  SupportAccessService(
      Tenants tenants,
      People people,
      SecurityContacts contacts,
      SupportAccessStates states,
      SupportAccessRequests requests,
      ChangeHistory history,
      AcknowledgmentForm form,
      ApplicationEventPublisher events,
      ContactServiceSettings settings) {
    this.tenants = tenants;
    this.people = people;
    this.contacts = contacts;
    this.states = states;
    this.requests = requests;
    this.history = history;
    this.form = form;
    this.events = events;
    this.settings = settings.supportAccess();
  }

  /**
   * A Primary Security contact asks, or a tenant admin asks on behalf of one. Either way the
   * tenant's Primary Security contacts must confirm before anything changes.
   */
  @Transactional
  public Request request(
      Caller caller, String tenantId, Action action, String onBehalfOf, String contactAfterReview) {
    var tenant = tenants.require(tenantId);
    var primaries = primaries(tenantId);
    var callerIsPrimary = primaries.stream().anyMatch(c -> c.contactId().equals(caller.userId()));
    if (!callerIsPrimary && !caller.isTenantAdmin()) {
      throw new ForbiddenException(
          "only a Primary Security contact of "
              + tenantId
              + ", or a tenant admin on their behalf, may request this");
    }
    if (onBehalfOf != null && primaries.stream().noneMatch(c -> c.contactId().equals(onBehalfOf))) {
      throw new InvalidRequestException(
          "onBehalfOf", onBehalfOf + " is not a Primary Security contact of " + tenantId);
    }
    var allowed = states.isAllowed(tenantId);
    if ((action == Action.DISABLE) != allowed) {
      throw new ConflictException(
          "support access is already " + (allowed ? "enabled" : "disabled") + " for " + tenantId);
    }
    requests
        .openOf(tenantId)
        .ifPresent(
            open -> {
              throw new ConflictException(
                  "request " + open.requestId() + " for " + tenantId + " is still open");
            });
    var channels = confirmationChannels(action);
    var confirmers =
        primaries.stream()
            .filter(c -> c.methods().stream().anyMatch(m -> channels.contains(m.channel())))
            .map(Contact::contactId)
            .toList();
    if (confirmers.isEmpty()) {
      throw new ConflictException(
          "no Primary Security contact of "
              + tenantId
              + " can be reached"
              + (action == Action.ENABLE ? " by phone" : "")
              + " to confirm");
    }
    var now = clock.instant();
    var request =
        new Request(
            UUID.randomUUID().toString(),
            tenantId,
            action,
            Status.AWAITING_CONFIRMATION,
            caller.userId(),
            caller.name(),
            onBehalfOf,
            contactAfterReview,
            null,
            null,
            null,
            null,
            null,
            now,
            now.plus(settings.confirmationTimeout()),
            null,
            null);
    requests.add(request);
    var verb = action == Action.DISABLE ? "disable" : "re-enable";
    events.publishEvent(
        new ConfirmationRequested(
            UUID.randomUUID(),
            now,
            request.requestId(),
            tenantId,
            confirmers,
            channels,
            "Confirm: " + verb + " Customer Support Access for " + tenant.name(),
            caller.actor().displayName()
                + " asked to "
                + verb
                + " support staff's access to "
                + tenant.name()
                + ". Acknowledge only if this request is yours or your team's.",
            action,
            caller.actor().displayName(),
            request.expiresAt()));
    step(
        request,
        Step.REQUESTED,
        allowed,
        caller.actor(),
        caller.actor().displayName() + " requested to " + verb + " Customer Support Access",
        List.of(),
        now);
    return request;
  }

  /**
   * An acknowledged confirmation alert: the ack's correlation names the request, its contact the
   * confirmer. An incident's ack (or one older than correlations) confirms nothing.
   */
  @Transactional
  public void on(AlertAcknowledged ack) {
    var requestId = ack.correlation().confirmationOf();
    if (requestId.isEmpty() || ack.contactId() == null) {
      return;
    }
    var request = requests.awaitingConfirmation(requestId.get());
    if (request.isEmpty()) {
      return; // confirmed by someone else, cancelled or expired meanwhile
    }
    var confirmer =
        primaries(request.get().tenantId()).stream()
            .filter(c -> c.contactId().equals(ack.contactId()))
            .findFirst();
    if (confirmer.isEmpty()
        || !confirmationChannels(request.get().action()).contains(ack.channel())) {
      return; // no longer a Primary Security contact, or not on a channel asked for: re-enabling by
      // phone alone
    }
    confirm(request.get(), confirmer.get(), ack.channel());
  }

  /**
   * Re-enabling is confirmed by a phone call alone: a text or a link is easier to spoof or forward.
   */
  private static Set<Channel> confirmationChannels(Action action) {
    return action == Action.ENABLE
        ? Set.of(Channel.VOICE)
        : Set.of(Channel.EMAIL, Channel.SMS, Channel.VOICE);
  }

  private boolean confirm(Request request, Contact confirmer, Channel channel) {
    var now = clock.instant();
    var next = request.action() == Action.DISABLE ? Status.AWAITING_SIGNATURE : Status.DONE;
    if (!requests.move(request.requestId(), Status.AWAITING_CONFIRMATION, next, now)) {
      return false;
    }
    requests.confirmed(request.requestId(), confirmer.contactId(), channel.name());
    closeConfirmations(request, now, "confirmed by " + confirmer.displayName());
    var actor = new Actor(confirmer.contactId(), confirmer.displayName());
    if (request.action() == Action.DISABLE) {
      step(
          request,
          Step.CONFIRMED,
          true,
          actor,
          confirmer.displayName()
              + " confirmed the request by "
              + channel
              + "; the acknowledgment form awaits their signature",
          List.of(),
          now);
    } else {
      states.set(request.tenantId(), true, request.requestId(), now);
      step(
          request,
          Step.CONFIRMED,
          false,
          actor,
          confirmer.displayName() + " confirmed by phone",
          List.of(),
          now);
      step(
          request,
          Step.ENABLED,
          true,
          actor,
          "by " + confirmer.displayName(),
          securityContactEmails(request.tenantId()),
          now);
    }
    return true;
  }

  /**
   * The confirming contact, signed in, signs the acknowledgment form; then access is disabled.
   * Contacts without an account sign through the link in their confirmation message instead: {@link
   * #signByLink}.
   */
  @Transactional
  public void sign(
      Caller caller, String tenantId, String requestId, String name, String formVersion) {
    var request =
        requests
            .find(tenantId, requestId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no support-access request " + requestId + " in " + tenantId));
    if (request.status() != Status.AWAITING_SIGNATURE) {
      throw new ConflictException(
          "request " + requestId + " is " + request.status() + ", not awaiting a signature");
    }
    if (!caller.userId().equals(request.confirmedBy())) {
      throw new ForbiddenException(
          "only the contact who confirmed the request may sign the acknowledgment");
    }
    validate(name, formVersion);
    signature(
        request, caller.userId(), caller.actor(), name, formVersion, SignatureVerification.SIGN_IN);
  }

  /**
   * What the holder of a signing link sees before signing: the request, checked as {@link
   * #signByLink} would check it, so a page never offers a signature that would be refused.
   */
  @Transactional(readOnly = true)
  public LinkedRequest reviewByLink(SigningLinks.Claims link) {
    var request = signableByLink(link);
    var tenant = tenants.require(request.tenantId());
    return new LinkedRequest(
        request, tenant.name(), signer(request, link).displayName(), form.version(), form.text());
  }

  /**
   * The contact named by a signing link signs the acknowledgment form with it, no account needed:
   * the link was sent only to them, on a channel the request may be confirmed on. Signing confirms
   * the request too when nobody has yet. A link signs once: its request is then done, and the same
   * link is refused from then on, as is one past its expiry or its request's.
   */
  @Transactional
  public Request signByLink(SigningLinks.Claims link, String name, String formVersion) {
    var request = signableByLink(link);
    var signer = signer(request, link);
    validate(name, formVersion);
    if (request.status() == Status.AWAITING_CONFIRMATION
        && !confirm(request, signer, link.channel())) {
      throw new ConflictException("request " + request.requestId() + " changed meanwhile");
    }
    signature(
        request,
        signer.contactId(),
        new Actor(signer.contactId(), signer.displayName()),
        name,
        formVersion,
        SignatureVerification.LINK);
    return requests.find(request.requestId()).orElseThrow();
  }

  /** A request as its signing link shows it: what, for whom, and the form to sign. */
  public record LinkedRequest(
      Request request,
      String tenantName,
      String contactName,
      String formVersion,
      String formText) {}

  private Request signableByLink(SigningLinks.Claims link) {
    var request =
        requests
            .find(link.requestId())
            .orElseThrow(
                () -> new NotFoundException("This link names no Customer Support Access request."));
    if (request.status() == Status.DONE) {
      throw new SigningLinkRefused(
          HttpStatus.CONFLICT,
          request.signedName() == null
              ? "This request was already confirmed. Nothing is left to sign."
              : "The form was signed by "
                  + request.signedName()
                  + " on "
                  + WHEN.format(request.signedAt())
                  + ", and Customer Support Access is disabled. Nothing more to do.");
    }
    if (request.status() == Status.CANCELLED) {
      throw new ConflictException("This request was cancelled. Nothing was signed.");
    }
    if (request.status() == Status.EXPIRED || !request.expiresAt().isAfter(clock.instant())) {
      throw new SigningLinkRefused(
          HttpStatus.GONE,
          "This request expired on "
              + WHEN.format(request.expiresAt())
              + " before it was signed. Nothing was signed.");
    }
    if (request.action() != Action.DISABLE) {
      throw new ConflictException("Re-enabling is confirmed by phone; there is nothing to sign.");
    }
    return request;
  }

  /**
   * The contact the link names, who must still be a Primary Security contact, and the confirmer.
   */
  private Contact signer(Request request, SigningLinks.Claims link) {
    var contact =
        primaries(request.tenantId()).stream()
            .filter(c -> c.contactId().equals(link.contactId()))
            .findFirst()
            .orElseThrow(
                () ->
                    new ForbiddenException(
                        "You are no longer a Primary Security contact of this organisation."));
    if (request.status() == Status.AWAITING_CONFIRMATION
        && !confirmationChannels(request.action()).contains(link.channel())) {
      throw new ForbiddenException("This request cannot be confirmed by " + link.channel() + ".");
    }
    if (request.status() == Status.AWAITING_SIGNATURE
        && !contact.contactId().equals(request.confirmedBy())) {
      throw new ForbiddenException(
          "Another Primary Security contact confirmed this request; only they may sign it.");
    }
    return contact;
  }

  private void validate(String name, String formVersion) {
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("name", "type your full name to sign");
    }
    InvalidRequestException.atMost(200, name.strip(), "name");
    if (!form.version().equals(formVersion)) {
      throw new InvalidRequestException(
          "formVersion", formVersion + " is not the current form (" + form.version() + ")");
    }
  }

  private void signature(
      Request request,
      String signerId,
      Actor actor,
      String name,
      String formVersion,
      SignatureVerification verifiedBy) {
    var requestId = request.requestId();
    var now = clock.instant();
    if (!requests.move(requestId, Status.AWAITING_SIGNATURE, Status.DONE, now)) {
      throw new ConflictException("request " + requestId + " changed meanwhile");
    }
    requests.signed(requestId, signerId, name.strip(), formVersion, verifiedBy, now);
    states.set(request.tenantId(), false, requestId, now);
    var how =
        verifiedBy == SignatureVerification.LINK ? "the signing link sent to them" : "signing in";
    step(
        request,
        Step.SIGNED,
        true,
        actor,
        name.strip() + " signed acknowledgment form " + formVersion + " (verified by " + how + ")",
        List.of(),
        now);
    step(
        request,
        Step.DISABLED,
        false,
        actor,
        // the outcome email says who asked and that it was confirmed and signed; this says by whom
        "by "
            + name.strip()
            + ", acknowledgment form "
            + formVersion
            + ", verified by "
            + how
            + "; contact after review: "
            + Objects.requireNonNullElse(request.contactAfterReview(), "not given"),
        securityContactEmails(request.tenantId()),
        now);
  }

  private static String requesterOf(Request request) {
    return Objects.requireNonNullElse(request.requestedByName(), request.requestedBy());
  }

  @Transactional
  public void cancel(Caller caller, String tenantId, String requestId) {
    var request =
        requests
            .find(tenantId, requestId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no support-access request " + requestId + " in " + tenantId));
    if (!caller.isTenantAdmin() && !caller.userId().equals(request.requestedBy())) {
      throw new ForbiddenException("only the requester or a tenant admin may cancel the request");
    }
    if (!end(
        request,
        Status.CANCELLED,
        Step.CANCELLED,
        caller.actor(),
        "by " + caller.actor().displayName())) {
      throw new ConflictException("request " + requestId + " is " + request.status() + " already");
    }
  }

  /** Requests not confirmed and signed in time expire; their confirmation alerts are closed. */
  @Transactional
  public int expire() {
    var expired = 0;
    for (var request : requests.openAndExpiredAt(clock.instant())) {
      if (end(
          request,
          Status.EXPIRED,
          Step.EXPIRED,
          SYSTEM,
          "expired before it was confirmed and signed")) {
        expired++;
      }
    }
    return expired;
  }

  private boolean end(Request request, Status status, Step step, Actor actor, String detail) {
    var now = clock.instant();
    if (!request.status().isOpen()
        || !requests.move(request.requestId(), request.status(), status, now)) {
      return false;
    }
    closeConfirmations(request, now, status == Status.CANCELLED ? "cancelled " + detail : detail);
    // those asked to confirm are told it no longer applies, and the admins that nothing changed
    step(
        request,
        step,
        states.isAllowed(request.tenantId()),
        actor,
        detail,
        securityContactEmails(request.tenantId()),
        now);
    return true;
  }

  private void closeConfirmations(Request request, Instant now, String reason) {
    events.publishEvent(
        new ConfirmationClosed(UUID.randomUUID(), now, request.requestId(), reason));
  }

  private void step(
      Request request,
      Step step,
      boolean allowed,
      Actor actor,
      String detail,
      List<String> notify,
      Instant now) {
    var tenant = tenants.require(request.tenantId());
    history.record(request.tenantId(), actor, "SUPPORT_ACCESS_" + step, null, detail, now);
    events.publishEvent(
        new SupportAccessChanged(
            UUID.randomUUID(),
            now,
            request.tenantId(),
            tenant.name(),
            request.requestId(),
            request.action(),
            step,
            allowed,
            actor,
            detail,
            notify,
            requesterOf(request)));
  }

  private List<Contact> primaries(String tenantId) {
    return contacts.ofTenant(tenantId).stream()
        .filter(c -> c.roles().contains(ContactRole.PRIMARY_SECURITY))
        .toList();
  }

  private List<String> securityContactEmails(String tenantId) {
    var emails = new LinkedHashSet<String>();
    contacts.ofTenant(tenantId).stream()
        .flatMap(c -> c.methods().stream())
        .filter(m -> m.channel() == Channel.EMAIL)
        .map(ContactMethod::address)
        .forEach(emails::add);
    people.admins(tenantId).stream()
        .map(Person::email)
        .filter(Objects::nonNull)
        .forEach(emails::add);
    return List.copyOf(emails);
  }

  boolean isAllowed(String tenantId) {
    return states.isAllowed(tenantId);
  }

  Request find(String tenantId, String requestId) {
    return requests
        .find(tenantId, requestId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "no support-access request " + requestId + " in " + tenantId));
  }

  java.util.Optional<Request> open(String tenantId) {
    return requests.openOf(tenantId);
  }

  AcknowledgmentForm form() {
    return form;
  }
}
