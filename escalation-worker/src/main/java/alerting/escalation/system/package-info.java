/**
 * Shared wiring: the worker's settings, topic creation from the events catalogue, and the lifecycle
 * that checks co-partitioning and then runs and closes the streams client.
 */
package alerting.escalation.system;
