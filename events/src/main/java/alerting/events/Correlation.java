package alerting.events;

/**
 * Why an alert was opened and for which request, so whoever asked for it matches an ack to its
 * request directly. Absent on older records, where it reads as {@link #INCIDENT}.
 */
public record Correlation(Purpose purpose, String requestId) {
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
  }

  public static Correlation supportAccessConfirmation(String requestId) {
    return new Correlation(Purpose.SUPPORT_ACCESS_CONFIRMATION, requestId);
  }

  public static Correlation verification(String drillId) {
    return new Correlation(Purpose.VERIFICATION, drillId);
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
