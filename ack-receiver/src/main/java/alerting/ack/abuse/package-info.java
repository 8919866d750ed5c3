/**
 * Defence of the public edge: token-bucket rate limits per client and per phone number, and the
 * metric counting every refused request by endpoint and reason.
 */
package alerting.ack.abuse;
