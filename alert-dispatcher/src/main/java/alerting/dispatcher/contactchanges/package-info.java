/**
 * Emails announcing every change to a tenant's security contacts (contacts.changes.v1) and to its
 * Customer Support Access (support-access.v1).
 */
package alerting.dispatcher.contactchanges;
