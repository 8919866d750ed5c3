/** Incident coverage: who was alerted, on which channel, and who acknowledged (from alerts.state.v1). */
package alerting.dispatcher.coverage;
