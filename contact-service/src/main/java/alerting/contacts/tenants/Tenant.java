package alerting.contacts.tenants;

/** A customer organisation; {@code version} grows with every change to its contacts. */
public record Tenant(String tenantId, String name, long version) {}
