/**
 * Responders: raise an incident (with a confirmation step), the incident list, the live coverage
 * board.
 */
package alerting.console.incidents;
