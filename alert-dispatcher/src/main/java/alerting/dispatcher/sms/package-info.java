/** The SMS channel: renders alert texts and sends them through Twilio's Messages API. */
package alerting.dispatcher.sms;
