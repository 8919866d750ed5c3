/**
 * Opaque (encrypted, authenticated), expiring ack links put into messages, opened by the
 * ack-receiver.
 */
package alerting.dispatcher.links;
