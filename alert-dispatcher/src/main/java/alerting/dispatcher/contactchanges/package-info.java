/** Emails announcing every change to a tenant's security contacts, from contacts.changes.v1. */
package alerting.dispatcher.contactchanges;
