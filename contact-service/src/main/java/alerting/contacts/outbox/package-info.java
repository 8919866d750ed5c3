/**
 * The transactional outbox: events published inside a transaction are stored with it (Spring
 * Modulith's event publication registry) and forwarded to Kafka after the commit.
 */
package alerting.contacts.outbox;
