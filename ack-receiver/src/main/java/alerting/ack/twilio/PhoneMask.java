package alerting.ack.twilio;

/** Phone numbers are personal data: evidence and logs keep only the last three digits. */
public final class PhoneMask {
  private PhoneMask() {}

  public static String mask(String phone) {
    if (phone == null || phone.length() < 5) {
      return "***";
    }
    return phone.substring(0, 2)
        + "*".repeat(phone.length() - 5)
        + phone.substring(phone.length() - 3);
  }
}
