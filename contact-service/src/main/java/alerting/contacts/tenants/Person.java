package alerting.contacts.tenants;

/**
 * Someone in a tenant's directory: a user (perhaps a tenant admin) or a person added as contact.
 */
public record Person(
    String personId,
    String tenantId,
    String displayName,
    String email,
    boolean tenantAdmin,
    boolean userAccount) {}
