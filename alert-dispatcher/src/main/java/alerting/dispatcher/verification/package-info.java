/**
 * Verification drills in: contact-service asks for them on {@code verifications.v1}, and each opens
 * one single-attempt alert per contact method, correlated to the drill, on the lowest lane.
 */
package alerting.dispatcher.verification;
