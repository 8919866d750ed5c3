/**
 * The whole system in one process for a laptop: a KRaft broker keeping its data on disk, the
 * embedded database, a local SMTP inbox, a local Twilio stand-in, and the four services.
 */
package alerting.local;
