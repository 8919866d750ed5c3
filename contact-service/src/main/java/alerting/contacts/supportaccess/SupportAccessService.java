package alerting.contacts.supportaccess;

import alerting.contacts.history.ChangeHistory;
import alerting.contacts.securitycontacts.SecurityContacts;
import alerting.contacts.supportaccess.SupportAccessRequests.Request;
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
            now.plus(settings.confirmationTimeout()));
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
                + ". Acknowledge only if this request is yours or your team's."));
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
    confirm(request.get(), confirmer.get(), ack);
  }

  /**
   * Re-enabling is confirmed by a phone call alone: a text or a link is easier to spoof or forward.
   */
  private static Set<Channel> confirmationChannels(Action action) {
    return action == Action.ENABLE
        ? Set.of(Channel.VOICE)
        : Set.of(Channel.EMAIL, Channel.SMS, Channel.VOICE);
  }

  private void confirm(Request request, Contact confirmer, AlertAcknowledged ack) {
    var now = clock.instant();
    var next = request.action() == Action.DISABLE ? Status.AWAITING_SIGNATURE : Status.DONE;
    if (!requests.move(request.requestId(), Status.AWAITING_CONFIRMATION, next, now)) {
      return;
    }
    requests.confirmed(request.requestId(), confirmer.contactId(), ack.channel().name());
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
              + ack.channel()
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
          "Customer Support Access is enabled again",
          securityContactEmails(request.tenantId()),
          now);
    }
  }

  /** The confirming contact signs the acknowledgment form; then access is disabled. */
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
    if (name == null || name.isBlank()) {
      throw new InvalidRequestException("name", "type your full name to sign");
    }
    InvalidRequestException.atMost(200, name.strip(), "name");
    if (!form.version().equals(formVersion)) {
      throw new InvalidRequestException(
          "formVersion", formVersion + " is not the current form (" + form.version() + ")");
    }
    var now = clock.instant();
    if (!requests.move(requestId, Status.AWAITING_SIGNATURE, Status.DONE, now)) {
      throw new ConflictException("request " + requestId + " changed meanwhile");
    }
    requests.signed(requestId, name.strip(), formVersion, now);
    states.set(tenantId, false, requestId, now);
    step(
        request,
        Step.SIGNED,
        true,
        caller.actor(),
        name.strip() + " signed acknowledgment form " + formVersion,
        List.of(),
        now);
    step(
        request,
        Step.DISABLED,
        false,
        caller.actor(),
        "Customer Support Access is disabled; "
            + "contact after review: "
            + Objects.requireNonNullElse(request.contactAfterReview(), "not given"),
        securityContactEmails(tenantId),
        now);
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
        "cancelled by " + caller.actor().displayName())) {
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
    closeConfirmations(request, now, detail);
    step(request, step, states.isAllowed(request.tenantId()), actor, detail, List.of(), now);
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
            notify));
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
