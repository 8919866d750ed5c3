/**
 * Incident coverage: who was alerted, on which channel, who acknowledged, and each channel's send
 * backlog and ETA (from alerts.state.v1).
 */
package alerting.dispatcher.coverage;
