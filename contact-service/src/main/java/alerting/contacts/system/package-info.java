/** Shared wiring of contact-service: its settings, topics and error responses. */
package alerting.contacts.system;
