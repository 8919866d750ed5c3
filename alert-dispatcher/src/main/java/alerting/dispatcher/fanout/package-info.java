/**
 * Opening alerts: an incident is cut into slices of tenants, and each slice opens one alert per
 * (incident, tenant, contact), with its first attempt and deadline, in one transaction.
 */
package alerting.dispatcher.fanout;
