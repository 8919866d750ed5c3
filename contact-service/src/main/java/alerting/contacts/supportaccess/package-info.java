/**
 * Customer Support Access: a tenant blocks support staff (request, confirmation by a Primary
 * Security contact through the alert pipeline, signed acknowledgment) and allows them again
 * (request, confirmation by a phone call).
 */
package alerting.contacts.supportaccess;
