/**
 * Opening alerts: an incident is cut into slices of tenants, and each slice opens one alert per
 * (incident, tenant, contact), with its first attempt and deadline, in one transaction; tenants not
 * known yet wait on a queue of their own for a while.
 */
package alerting.dispatcher.fanout;
