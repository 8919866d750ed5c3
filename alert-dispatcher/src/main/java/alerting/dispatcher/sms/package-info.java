/**
 * The SMS channel: renders alert and follow-up texts and sends them through Twilio's Messages API.
 */
package alerting.dispatcher.sms;
