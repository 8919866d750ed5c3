/**
 * What every channel sender shares: rate-limited, parallel provider calls per poll, transient
 * failures retried on {@code <topic>-retry} with back-off, permanent ones reported FAILED at once.
 */
package alerting.dispatcher.sending;
