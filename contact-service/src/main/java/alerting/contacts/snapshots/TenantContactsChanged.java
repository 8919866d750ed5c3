package alerting.contacts.snapshots;

/** In-process signal that a tenant's contacts changed and its snapshot must be republished. */
public record TenantContactsChanged(String tenantId) {}
