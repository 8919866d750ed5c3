/** Incidents in: the responders' REST endpoint and the incidents topic it feeds. */
package alerting.dispatcher.incidents;
