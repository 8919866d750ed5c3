/** Signed, expiring ack links put into messages, verified by the ack-receiver. */
package alerting.dispatcher.links;
