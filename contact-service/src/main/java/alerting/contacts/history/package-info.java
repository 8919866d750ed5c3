/** The tenant's change history: who changed which contact, when, and what changed. */
package alerting.contacts.history;
