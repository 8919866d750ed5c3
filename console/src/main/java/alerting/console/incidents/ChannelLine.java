package alerting.console.incidents;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One channel's row of the board's sending table, worded from the dispatcher's {@code channels}:
 * how many attempts wait, left and failed, the current rate, and when everyone will have been
 * tried, or why nobody can say yet. Channels the incident never used are left out.
 */
record ChannelLine(
    String channel,
    String label,
    long queued,
    long sent,
    long failed,
    String rate,
    long waiting,
    String eta) {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  /**
   * The lines of an incident summary (or alert page) from the dispatcher; none if it has no
   * channels.
   */
  static List<ChannelLine> of(Map<String, Object> coverage) {
    var lines = new ArrayList<ChannelLine>();
    if (coverage != null && coverage.get("channels") instanceof List<?> channels) {
      for (var item : channels) {
        if (item instanceof Map<?, ?> channel) {
          var line = line(channel);
          if (line.queued() + line.sent() + line.failed() + line.waiting() > 0) {
            lines.add(line);
          }
        }
      }
    }
    return lines;
  }

  private static ChannelLine line(Map<?, ?> c) {
    var name = String.valueOf(c.get("channel"));
    var waiting = number(c.get("firstAttemptsPending"));
    return new ChannelLine(
        name,
        label(name),
        number(c.get("queued")),
        number(c.get("sent")),
        number(c.get("failed")),
        rate(c.get("ratePerSecond")),
        waiting,
        eta(waiting, c.get("etaSeconds"), c.get("expectedDoneAt"), c.get("etaUnknownReason")));
  }

  static String eta(long waiting, Object seconds, Object doneAt, Object reason) {
    if (waiting == 0) {
      return "everyone tried";
    }
    if (seconds instanceof Number s && doneAt != null) {
      return "everyone tried by " + clock(doneAt) + " (in " + inWords(s.longValue()) + ")";
    }
    return "not known yet: " + (reason == null ? "no current send rate" : reason);
  }

  /**
   * Minutes rounded up: "by 10:07" said as "in 6 min" when it is 6 min 40 s away would be early.
   */
  static String inWords(long seconds) {
    if (seconds < 60) {
      return seconds + " s";
    }
    var minutes = (seconds + 59) / 60;
    return minutes < 60 ? minutes + " min" : minutes / 60 + " h " + minutes % 60 + " min";
  }

  private static String rate(Object value) {
    var perSecond = value instanceof Number n ? n.doubleValue() : 0;
    return BigDecimal.valueOf(perSecond).stripTrailingZeros().toPlainString() + "/s";
  }

  private static String clock(Object instant) {
    try {
      return CLOCK.format(Instant.parse(instant.toString()));
    } catch (DateTimeParseException e) {
      return instant.toString();
    }
  }

  private static String label(String channel) {
    return switch (channel) {
      case "SMS" -> "SMS";
      case "VOICE" -> "Voice call";
      default ->
          channel.isEmpty()
              ? channel
              : channel.charAt(0) + channel.substring(1).toLowerCase(Locale.ROOT);
    };
  }

  private static long number(Object value) {
    return value instanceof Number n ? n.longValue() : 0;
  }
}
