package alerting.contacts.securitycontacts;

/** A contact method as typed by an admin, before it is checked and normalised. */
record MethodInput(String channel, String address) {}
