/**
 * The fault harness (issue #16): the services as separate processes from their exec jars, two
 * instances each, on a three-broker cluster, one fault per scenario during a running incident (a
 * {@code kill -9} of a service or a broker, an SMTP or Twilio outage), and the invariants checked
 * on the topics afterwards ({@link alerting.systemtests.faults.InvariantChecker}); run by hand
 * through exec (the {@code benchmark} profile's {@code fault-harness}), never part of the build's
 * tests. Results and findings: docs/reliability.md.
 */
package alerting.systemtests.faults;
