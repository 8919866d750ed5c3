package alerting.contacts.securitycontacts;

import alerting.contacts.system.InvalidRequestException;
import alerting.events.ContactRole;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads role names as typed (any case), naming the bad one in the error. */
final class Roles {
  /** What the store keeps of a person's name and a contact's title. */
  static final int MAX_NAME = 200;

  static final int MAX_TITLE = 200;

  private Roles() {}

  static Set<ContactRole> parse(List<String> names, String field) {
    if (names == null || names.isEmpty()) {
      throw new InvalidRequestException(
          field, "name at least one of " + List.of(ContactRole.values()));
    }
    var roles = EnumSet.noneOf(ContactRole.class);
    for (var i = 0; i < names.size(); i++) {
      roles.add(parseOne(names.get(i), field + "[" + i + "]"));
    }
    return roles;
  }

  static ContactRole parseOne(String name, String field) {
    try {
      return ContactRole.valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidRequestException(
          field, "unknown role " + name + "; use one of " + List.of(ContactRole.values()));
    }
  }
}
