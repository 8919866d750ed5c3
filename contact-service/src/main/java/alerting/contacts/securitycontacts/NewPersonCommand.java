package alerting.contacts.securitycontacts;

import java.util.List;

/** A request to make someone who is not in the system yet a security contact. */
record NewPersonCommand(
    String displayName,
    String email,
    String title,
    List<String> roles,
    List<MethodInput> methods) {}
