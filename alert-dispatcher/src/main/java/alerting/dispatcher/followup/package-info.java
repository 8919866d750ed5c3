/** What happens to an incident's alerts after it was raised: follow-ups on updates, closure. */
package alerting.dispatcher.followup;
