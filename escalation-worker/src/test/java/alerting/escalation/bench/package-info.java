/**
 * The escalation-timer benchmark: a broker, the worker and a load generator in three JVMs, so the
 * worker can be killed with SIGKILL. Run by hand ({@code exec:exec@timer-benchmark}), never by
 * {@code mvn verify}.
 */
package alerting.escalation.bench;
