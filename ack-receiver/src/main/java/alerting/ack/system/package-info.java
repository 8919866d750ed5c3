/** Shared wiring of the ack-receiver: settings, topics and the publisher of what it verified. */
package alerting.ack.system;
