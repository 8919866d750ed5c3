/**
 * ack-receiver: the public edge where contacts acknowledge (email link, SMS reply) and Twilio
 * reports; every request is verified before anything is published.
 */
package alerting.ack;
