/** Twilio's message and call status callbacks, verified and reported as DeliveryStatusReported. */
package alerting.ack.status;
