/**
 * Support-access confirmations in: contact-service asks for them on their own topic, and each opens
 * alerts correlated to its request, closed again when the confirmation is over.
 */
package alerting.dispatcher.confirmations;
