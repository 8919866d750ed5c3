package alerting.events;

/** One way to reach a contact: an email address, or a phone number in E.164 for SMS and voice. */
public record ContactMethod(Channel channel, String address) {
  public ContactMethod {
    Require.present(channel, "channel");
    Require.text(address, "address");
  }
}
