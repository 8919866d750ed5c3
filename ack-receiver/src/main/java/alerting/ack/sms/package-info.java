/**
 * SMS replies: Twilio's inbound-message webhook, verified, read as a reply code, a bare ACK or a
 * carrier keyword (STOP, HELP, START), and answered with what it did.
 */
package alerting.ack.sms;
