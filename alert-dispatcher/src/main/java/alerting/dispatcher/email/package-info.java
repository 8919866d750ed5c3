/** The email channel: renders alert and follow-up emails and sends them over SMTP (jakarta.mail). */
package alerting.dispatcher.email;
