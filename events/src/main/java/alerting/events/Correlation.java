package alerting.events;

/**
 * Why an alert was opened and for which request, so whoever asked for it matches an ack to its
 * request directly. Absent on older records, where it reads as {@link #INCIDENT}.
 *
 * <p>A support-access confirmation also says what was asked ({@code action}) and by whom ({@code
 * requestedBy}), so every message about it, on every channel, can say so in its own words instead
 * of an incident's; both are absent on records older than that, and on other purposes.
 */
public record Correlation(
    Purpose purpose, String requestId, SupportAccessChanged.Action action, String requestedBy) {
  public enum Purpose {
    /** Alerted about a security incident; the brief's incident id says which. */
    INCIDENT,
    /** Asked to confirm a Customer Support Access change; {@code requestId} says which request. */
    SUPPORT_ACCESS_CONFIRMATION,
    /**
     * Asked to confirm that one contact method reaches them (a verification drill, not an
     * incident); {@code requestId} is the drill's id.
     */
    VERIFICATION
  }

  public static final Correlation INCIDENT = new Correlation(Purpose.INCIDENT, null);

  public Correlation {
    purpose = purpose == null ? Purpose.INCIDENT : purpose;
    if (purpose != Purpose.INCIDENT) {
      Require.text(requestId, "requestId");
    }
    if (purpose != Purpose.SUPPORT_ACCESS_CONFIRMATION) {
      action = null;
      requestedBy = null;
    }
  }

  public Correlation(Purpose purpose, String requestId) {
    this(purpose, requestId, null, null);
  }

  public static Correlation supportAccessConfirmation(String requestId) {
    return new Correlation(Purpose.SUPPORT_ACCESS_CONFIRMATION, requestId);
  }

  /**
   * Asks to confirm {@code action} of Customer Support Access, requested by {@code requestedBy}.
   */
  public static Correlation supportAccessConfirmation(
      String requestId, SupportAccessChanged.Action action, String requestedBy) {
    return new Correlation(Purpose.SUPPORT_ACCESS_CONFIRMATION, requestId, action, requestedBy);
  }

  public static Correlation verification(String drillId) {
    return new Correlation(Purpose.VERIFICATION, drillId);
  }

  /**
   * What a support-access confirmation asks, in the words every message about it uses: "disable
   * Customer Support Access", "re-enable …", or "change …" on records older than the action.
   */
  public String supportAccessChange() {
    if (action == null) {
      return "change Customer Support Access";
    }
    return (action == SupportAccessChanged.Action.DISABLE ? "disable" : "re-enable")
        + " Customer Support Access";
  }

  /** The drill this alert belongs to, if it is a verification. */
  public java.util.Optional<String> verificationOf() {
    return purpose == Purpose.VERIFICATION
        ? java.util.Optional.of(requestId)
        : java.util.Optional.empty();
  }

  /** The request this alert confirms, if it is a support-access confirmation. */
  public java.util.Optional<String> confirmationOf() {
    return purpose == Purpose.SUPPORT_ACCESS_CONFIRMATION
        ? java.util.Optional.of(requestId)
        : java.util.Optional.empty();
  }
}
