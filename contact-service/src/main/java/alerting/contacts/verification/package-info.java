/**
 * Contact verification (issue #17, design.md "Contact verification"): tenant admins start drills
 * that ask each security contact to confirm each of their methods once ({@link
 * alerting.contacts.verification.VerificationDrills}); the outcomes of those alerts, read from
 * alerts.state.v1, become each method's reachability ({@link
 * alerting.contacts.verification.ReachabilityListener}), and the {@link
 * alerting.contacts.verification.ReachabilityPolicy} says which methods are stale and which tenants
 * are at risk.
 */
package alerting.contacts.verification;
