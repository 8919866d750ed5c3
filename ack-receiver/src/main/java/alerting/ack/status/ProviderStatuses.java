package alerting.ack.status;

import alerting.events.Channel;
import alerting.events.DeliveryStatus;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's message and call statuses in the pipeline's terms. Progress on the way (queued, ringing,
 * in-progress) says nothing the worker acts on and is not reported.
 */
final class ProviderStatuses {
  private ProviderStatuses() {}

  static Optional<DeliveryStatus> of(Channel channel, Map<String, String> params) {
    return channel == Channel.VOICE ? call(params) : message(params.get("MessageStatus"));
  }

  private static Optional<DeliveryStatus> message(String status) {
    return Optional.ofNullable(
        switch (lower(status)) {
          case "sent" -> DeliveryStatus.SENT;
          case "delivered", "read" -> DeliveryStatus.DELIVERED;
          case "undelivered" -> DeliveryStatus.UNDELIVERED;
          // canceled: a scheduled message that will never be sent
          case "failed", "canceled" -> DeliveryStatus.FAILED;
          default -> null;
        });
  }

  private static Optional<DeliveryStatus> call(Map<String, String> params) {
    var answeredBy = lower(params.get("AnsweredBy"));
    return Optional.ofNullable(
        switch (lower(params.get("CallStatus"))) {
          // a completed call reached a person unless machine detection said otherwise; whether they
          // acknowledged is for the keypress to say, and the deadline still runs
          case "completed" ->
              answeredBy.startsWith("machine") || answeredBy.equals("fax")
                  ? DeliveryStatus.MACHINE_ANSWERED
                  : DeliveryStatus.DELIVERED;
          case "busy" -> DeliveryStatus.BUSY;
          case "no-answer" -> DeliveryStatus.NO_ANSWER;
          case "failed", "canceled" -> DeliveryStatus.FAILED;
          default -> null;
        });
  }

  private static String lower(String text) {
    return text == null ? "" : text.toLowerCase(Locale.ROOT);
  }
}
