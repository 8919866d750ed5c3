/**
 * Voice: the TwiML a call plays (who, what, "press 1"), one digit gathered, a repeat, and answering
 * machines told to check messages, never taken as an acknowledgment.
 */
package alerting.ack.voice;
