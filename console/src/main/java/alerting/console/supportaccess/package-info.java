/**
 * Seed 002's Customer Support Access: the state, requests to disable or re-enable, signing the
 * form.
 */
package alerting.console.supportaccess;
