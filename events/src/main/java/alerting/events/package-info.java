/**
 * The wire contract of the pipeline: every event record, the topic catalogue and the JSON format.
 * Services depend on this module and never declare their own copies of these types.
 */
package alerting.events;
