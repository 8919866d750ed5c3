/** Tenants and their directory of people (users, tenant admins), provisioned by the platform. */
package alerting.contacts.tenants;
