/**
 * alert-dispatcher: turns incidents into one alert per recipient (exactly once, in Kafka
 * transactions) and hosts the channel senders that reach people by email and SMS.
 */
package alerting.dispatcher;
