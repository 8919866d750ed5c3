/** Opening alerts: one per (incident, tenant, contact), with its first attempt and deadline. */
package alerting.dispatcher.fanout;
