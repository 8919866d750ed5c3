/** A tenant's security contacts: who they are, their roles and their ordered contact methods. */
package alerting.contacts.securitycontacts;
