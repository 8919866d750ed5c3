package alerting.contacts.securitycontacts;

import alerting.contacts.history.ChangeHistory;
import alerting.contacts.system.Caller;
import alerting.contacts.system.ConflictException;
import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.system.NotFoundException;
import alerting.contacts.tenants.People;
import alerting.contacts.tenants.Person;
import alerting.contacts.tenants.Tenants;
import alerting.events.Channel;
import alerting.events.Contact;
import alerting.events.ContactAdded;
import alerting.events.ContactMethod;
import alerting.events.ContactRemoved;
import alerting.events.ContactRole;
import alerting.events.ContactUpdated;
import alerting.events.Event;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Every change to a tenant's security contacts, each in one transaction with its history entry, its
 * change event and the tenant's new snapshot (both published through the outbox).
 */
@Service
public class SecurityContactService {
  private static final Set<ContactRole> ANNOUNCED =
      EnumSet.of(ContactRole.PRIMARY_SECURITY, ContactRole.CIO_CISO);
  private final Tenants tenants;
  private final People people;
  private final SecurityContacts contacts;
  private final ChangeHistory history;
  private final TenantSnapshots snapshots;
  private final ApplicationEventPublisher events;
  private final Clock clock = Clock.systemUTC();

  SecurityContactService(
      Tenants tenants,
      People people,
      SecurityContacts contacts,
      ChangeHistory history,
      TenantSnapshots snapshots,
      ApplicationEventPublisher events) {
    this.tenants = tenants;
    this.people = people;
    this.contacts = contacts;
    this.history = history;
    this.snapshots = snapshots;
    this.events = events;
  }

  /** A change's result: the contact as it is now (empty once removed) and any warnings. */
  public record Result(Optional<Contact> contact, List<String> warnings) {}

  @Transactional
  public Result addExisting(
      Caller caller,
      String tenantId,
      String personId,
      Set<ContactRole> roles,
      String title,
      List<ContactMethod> methods) {
    tenants.require(tenantId);
    var person =
        people
            .find(tenantId, personId)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no person " + personId + " in the directory of " + tenantId));
    var existing = contacts.find(tenantId, personId);
    if (existing.isPresent()) {
      var held = EnumSet.copyOf(roles);
      held.retainAll(existing.get().roles());
      if (!held.isEmpty()) {
        throw new ConflictException(person.displayName() + " already holds " + held);
      }
      var union = EnumSet.copyOf(existing.get().roles());
      union.addAll(roles);
      return changeRoles(caller, tenantId, personId, union);
    }
    var chosen =
        methods.isEmpty() && person.email() != null
            ? List.of(new ContactMethod(Channel.EMAIL, person.email()))
            : methods;
    if (chosen.isEmpty()) {
      throw new InvalidRequestException(
          "methods", person.displayName() + " has no email on record; list at least one method");
    }
    return add(
        caller,
        tenantId,
        new Contact(personId, person.displayName(), title, roles, chosen),
        person);
  }

  /** Adds someone who is not in the directory yet; they join it as a person without an account. */
  @Transactional
  public Result addNewPerson(
      Caller caller,
      String tenantId,
      String displayName,
      String email,
      String title,
      Set<ContactRole> roles,
      List<ContactMethod> methods) {
    tenants.require(tenantId);
    if (email != null) {
      var known = people.byEmail(tenantId, email);
      if (known.isPresent()) {
        throw new ConflictException(
            email
                + " is already in the directory as "
                + known.get().displayName()
                + " ("
                + known.get().personId()
                + "); add them as an existing person");
      }
    }
    var person =
        new Person(UUID.randomUUID().toString(), tenantId, displayName, email, false, false);
    people.add(person);
    return add(
        caller,
        tenantId,
        new Contact(person.personId(), displayName, title, roles, methods),
        person);
  }

  private Result add(Caller caller, String tenantId, Contact contact, Person person) {
    var warnings = cisoWarnings(tenantId, contact.contactId(), contact.roles());
    contacts.add(tenantId, contact);
    var now = clock.instant();
    var tenant = tenants.require(tenantId);
    var notify = notify(tenantId, Stream.of(contact), contact.roles(), person.email());
    committed(
        tenantId,
        caller,
        "ADDED",
        contact.contactId(),
        caller.actor().displayName() + " added " + contact.displayName() + " as " + contact.roles(),
        now,
        new ContactAdded(
            UUID.randomUUID(), now, tenantId, tenant.name(), caller.actor(), contact, notify));
    return new Result(Optional.of(contact), warnings);
  }

  @Transactional
  public Result changeRoles(
      Caller caller, String tenantId, String contactId, Set<ContactRole> roles) {
    var before = require(tenantId, contactId);
    if (roles.isEmpty()) {
      throw new InvalidRequestException(
          "roles", "at least one role is required; to remove the contact, delete it");
    }
    if (before.roles().equals(roles)) {
      return new Result(Optional.of(before), List.of());
    }
    var warnings = cisoWarnings(tenantId, contactId, roles);
    contacts.setRoles(tenantId, contactId, roles);
    var after =
        new Contact(
            before.contactId(), before.displayName(), before.title(), roles, before.methods());
    updated(
        caller,
        tenantId,
        before,
        after,
        "ROLES_CHANGED",
        "changed the roles of " + after.displayName() + " from " + before.roles() + " to " + roles);
    return new Result(Optional.of(after), warnings);
  }

  @Transactional
  public Result replaceMethods(
      Caller caller, String tenantId, String contactId, List<ContactMethod> methods) {
    var before = require(tenantId, contactId);
    contacts.setMethods(tenantId, contactId, methods);
    var after =
        new Contact(
            before.contactId(), before.displayName(), before.title(), before.roles(), methods);
    updated(
        caller,
        tenantId,
        before,
        after,
        "METHODS_CHANGED",
        "set the contact methods of " + after.displayName() + " to " + describe(methods));
    return new Result(Optional.of(after), List.of());
  }

  @Transactional
  public Result removeRole(Caller caller, String tenantId, String contactId, ContactRole role) {
    var before = require(tenantId, contactId);
    if (!before.roles().contains(role)) {
      throw new NotFoundException(before.displayName() + " does not hold " + role);
    }
    if (before.roles().size() == 1) {
      return remove(caller, tenantId, contactId);
    }
    var roles = EnumSet.copyOf(before.roles());
    roles.remove(role);
    contacts.setRoles(tenantId, contactId, roles);
    var after =
        new Contact(
            before.contactId(), before.displayName(), before.title(), roles, before.methods());
    updated(
        caller,
        tenantId,
        before,
        after,
        "ROLE_REMOVED",
        "removed " + role + " from " + after.displayName());
    return new Result(Optional.of(after), List.of());
  }

  @Transactional
  public Result remove(Caller caller, String tenantId, String contactId) {
    var before = require(tenantId, contactId);
    contacts.delete(tenantId, contactId);
    var now = clock.instant();
    var tenant = tenants.require(tenantId);
    var email = people.find(tenantId, contactId).map(Person::email).orElse(null);
    var notify = notify(tenantId, Stream.of(before), before.roles(), email);
    committed(
        tenantId,
        caller,
        "REMOVED",
        contactId,
        caller.actor().displayName()
            + " removed "
            + before.displayName()
            + " ("
            + before.roles()
            + ") as a contact",
        now,
        new ContactRemoved(
            UUID.randomUUID(), now, tenantId, tenant.name(), caller.actor(), before, notify));
    return new Result(Optional.empty(), List.of());
  }

  private void updated(
      Caller caller, String tenantId, Contact before, Contact after, String action, String what) {
    var now = clock.instant();
    var tenant = tenants.require(tenantId);
    var roles = EnumSet.copyOf(before.roles());
    roles.addAll(after.roles());
    var notify = notify(tenantId, Stream.of(before, after), roles, null);
    committed(
        tenantId,
        caller,
        action,
        after.contactId(),
        caller.actor().displayName() + " " + what,
        now,
        new ContactUpdated(
            UUID.randomUUID(),
            now,
            tenantId,
            tenant.name(),
            caller.actor(),
            before,
            after,
            notify));
  }

  /** History, snapshot version, change event and snapshot: all in the caller's transaction. */
  private void committed(
      String tenantId,
      Caller caller,
      String action,
      String contactId,
      String summary,
      Instant now,
      Event change) {
    history.record(tenantId, caller.actor(), action, contactId, summary, now);
    tenants.touch(tenantId);
    events.publishEvent(change);
    events.publishEvent(snapshots.current(tenantId, now));
  }

  private Contact require(String tenantId, String contactId) {
    tenants.require(tenantId);
    return contacts
        .find(tenantId, contactId)
        .orElseThrow(() -> new NotFoundException("no contact " + contactId + " in " + tenantId));
  }

  /** One CIO/CISO is recommended; a second is allowed, with a warning. */
  private List<String> cisoWarnings(String tenantId, String contactId, Set<ContactRole> roles) {
    if (!roles.contains(ContactRole.CIO_CISO)) {
      return List.of();
    }
    var others =
        contacts.ofTenant(tenantId).stream()
            .filter(
                c -> c.roles().contains(ContactRole.CIO_CISO) && !c.contactId().equals(contactId))
            .map(Contact::displayName)
            .toList();
    return others.isEmpty()
        ? List.of()
        : List.of(
            "CIO_CISO: "
                + String.join(", ", others)
                + " already holds this role; one CIO/CISO contact is recommended");
  }

  /**
   * Who hears of a change to a Primary Security or CIO/CISO contact: the tenant admins, the
   * security contacts as they are now, and the person concerned. Other changes announce nothing.
   */
  private List<String> notify(
      String tenantId, Stream<Contact> concerned, Set<ContactRole> roles, String personEmail) {
    if (roles.stream().noneMatch(ANNOUNCED::contains)) {
      return List.of();
    }
    var emails = new LinkedHashSet<String>();
    people.admins(tenantId).stream().map(Person::email).filter(e -> e != null).forEach(emails::add);
    Stream.concat(contacts.ofTenant(tenantId).stream(), concerned)
        .flatMap(c -> c.methods().stream())
        .filter(m -> m.channel() == Channel.EMAIL)
        .map(ContactMethod::address)
        .forEach(emails::add);
    if (personEmail != null) {
      emails.add(personEmail);
    }
    return new ArrayList<>(emails);
  }

  private static String describe(List<ContactMethod> methods) {
    return methods.stream().map(m -> m.channel().name()).toList().toString();
  }
}
