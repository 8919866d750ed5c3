/** The tenant's full contact list as published to the compacted contacts.snapshots topic. */
package alerting.contacts.snapshots;
