/** Who an incident reaches: the local view of every tenant's contacts and the recipient policy. */
package alerting.dispatcher.recipients;
