/**
 * The email channel: renders alert and follow-up emails and sends them over pooled, reused SMTP
 * connections (jakarta.mail).
 */
package alerting.dispatcher.email;
