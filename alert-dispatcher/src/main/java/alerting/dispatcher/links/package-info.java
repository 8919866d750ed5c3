/**
 * Opaque (encrypted, authenticated), expiring links put into messages: ack links, opened by the
 * ack-receiver, and signing links for Customer Support Access, opened by contact-service.
 */
package alerting.dispatcher.links;
