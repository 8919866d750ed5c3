/**
 * What every channel sender shares: provider calls in parallel, as many as rate × latency needs,
 * paced by a rate that slows down when the provider pushes back; per-destination limits that delay,
 * never drop; transient failures retried on {@code <topic>-retry} with back-off, permanent ones
 * reported FAILED at once; an alert already acknowledged or closed is not sent to, but reported
 * NOT_SENT.
 */
package alerting.dispatcher.sending;
