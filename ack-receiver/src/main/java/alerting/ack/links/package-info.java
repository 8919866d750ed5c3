/** Ack links: GET shows a confirmation page (scanners open links), only the POST acknowledges. */
package alerting.ack.links;
