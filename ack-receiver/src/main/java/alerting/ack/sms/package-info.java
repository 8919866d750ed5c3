/** SMS replies: Twilio's inbound-message webhook, verified, mapped to an alert, acknowledged. */
package alerting.ack.sms;
