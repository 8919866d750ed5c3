/** The alerts contacts may acknowledge: a view of alerts.v1 rebuilt from Kafka at start-up. */
package alerting.ack.openalerts;
