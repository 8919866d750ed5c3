package alerting.events;

import java.util.List;
import java.util.Set;

/** A tenant's security contact as published in its {@link TenantContacts} snapshot. */
public record Contact(
    String contactId,
    String displayName,
    String title,
    Set<ContactRole> roles,
    List<ContactMethod> methods) {
  public Contact {
    Require.text(contactId, "contactId");
    Require.text(displayName, "displayName");
    roles = Set.copyOf(Require.notEmpty(roles, "roles"));
    methods = List.copyOf(Require.present(methods, "methods"));
  }
}
