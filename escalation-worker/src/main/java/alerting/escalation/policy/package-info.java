/**
 * The escalation state machine as a pure policy: events and deadlines in, the next state and the
 * events to publish out. No Kafka types, so every rule is testable on its own.
 */
package alerting.escalation.policy;
