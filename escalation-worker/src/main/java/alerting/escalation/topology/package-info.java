/**
 * The Kafka Streams topology: one source over the alert-keyed inputs, the escalation processor with
 * its changelogged alert and timer stores, and one sink routing each event to its topic.
 */
package alerting.escalation.topology;
