/**
 * Twilio's side of the edge, shared by the SMS, voice and status webhooks: signature checks with
 * either auth token, the POST parameters Twilio signed, and answers to requests it sends twice.
 */
package alerting.ack.twilio;
