/**
 * Shared wiring: sign-in, the service clients with token relay, errors, the page layout's model.
 */
package alerting.console.system;
