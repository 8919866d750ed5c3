/**
 * Seed 000's Account Contacts: review, search, add (existing or new person), remove, methods,
 * history.
 */
package alerting.console.contacts;
