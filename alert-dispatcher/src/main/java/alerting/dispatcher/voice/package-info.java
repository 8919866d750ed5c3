/** The voice channel: alert calls through Twilio's Calls API, TwiML served by the ack-receiver. */
package alerting.dispatcher.voice;
