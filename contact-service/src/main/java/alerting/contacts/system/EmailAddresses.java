package alerting.contacts.system;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.regex.Pattern;

/**
 * An email address is accepted only if the mail library that will send to it takes it too, as a
 * bare address: one that SMTP would refuse later would silence the whole change notification.
 */
public final class EmailAddresses {
  /** RFC 5321's limit for a forward path. */
  public static final int MAX_LENGTH = 320;

  private static final Pattern SHAPE = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

  private EmailAddresses() {}

  /** The address, stripped; a 400 naming {@code field} when it is not one. */
  public static String checked(String address, String field) {
    if (address == null || address.isBlank()) {
      throw new InvalidRequestException(field, "is required");
    }
    var trimmed = InvalidRequestException.atMost(MAX_LENGTH, address.strip(), field);
    if (!SHAPE.matcher(trimmed).matches() || !strictlyParsed(trimmed)) {
      throw new InvalidRequestException(field, "not an email address: " + trimmed);
    }
    return trimmed;
  }

  private static boolean strictlyParsed(String address) {
    try {
      var parsed = new InternetAddress(address, true);
      parsed.validate();
      // "Name <a@b.c>" or "a@b.c (comment)" parse too; only the bare address is one
      return address.equals(parsed.getAddress()) && parsed.getPersonal() == null;
    } catch (AddressException e) {
      return false;
    }
  }
}
