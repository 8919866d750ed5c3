/** The email channel: renders alert emails and sends them over SMTP (jakarta.mail). */
package alerting.dispatcher.email;
