/** The Twilio account shared by the SMS and voice channels, and what its errors mean. */
package alerting.dispatcher.twilio;
