/** Tenants (customer organisations), provisioned through an internal API. */
package alerting.contacts.tenants;
