/** Shared wiring of the dispatcher: settings, topics, Kafka error handling, problem details. */
package alerting.dispatcher.system;
