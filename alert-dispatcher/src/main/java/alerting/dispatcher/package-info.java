/**
 * alert-dispatcher: turns incidents into one alert per recipient (exactly once, in Kafka
 * transactions, a slice of tenants at a time) and hosts the channel senders that reach people by
 * email, SMS and phone call.
 */
package alerting.dispatcher;
