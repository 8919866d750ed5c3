/**
 * Stand-ins for real infrastructure (Kafka broker, SMTP server, Twilio REST API) that run inside
 * the JVM. Used by every module's integration tests and by the all-in-one local runner.
 */
package alerting.testsupport;
