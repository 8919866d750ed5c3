/** Publishes each tenant's full contact list to the compacted contacts.snapshots topic. */
package alerting.contacts.snapshots;
