/**
 * Benchmarks of the whole local stack in one JVM, driven through a real browser; run by hand
 * through exec (the {@code benchmark} profile), never part of the build's tests.
 */
package alerting.systemtests.bench;
