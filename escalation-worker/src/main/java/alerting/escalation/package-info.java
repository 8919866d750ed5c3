/**
 * The escalation worker: owns every alert's state machine and its durable escalation timers,
 * requesting the contact's next method when an attempt is neither acknowledged nor deliverable.
 */
package alerting.escalation;
