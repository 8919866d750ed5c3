/**
 * The alerts contacts may acknowledge, and which are still open: a view of alerts.v1 and
 * alerts.state.v1 rebuilt from Kafka at start-up.
 */
package alerting.ack.openalerts;
