package alerting.dispatcher.sms;

import alerting.dispatcher.system.DispatcherSettings;
import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Which sender a text to a number comes from. Many countries only deliver, or only deliver
 * reliably, texts from a local number or short code, and people should see the same sender every
 * time so that they learn to trust it. In order:
 *
 * <ol>
 *   <li>the Twilio Messaging Service, when configured: Twilio then picks from its own pool;
 *   <li>the sender configured for the destination's country, the country found by libphonenumber
 *       from the number's calling code and numbering plan (+1 415 is US, +1 416 is CA);
 *   <li>one of the pool of from-numbers, chosen by rendezvous hashing of the destination: the same
 *       person always gets the same number, and adding or removing a number moves only the people
 *       who had it rather than reshuffling everyone as hash-mod-n would;
 *   <li>the single from-number.
 * </ol>
 */
final class SmsSenders {
  private static final PhoneNumberUtil PHONES = PhoneNumberUtil.getInstance();

  /** A text's sender: a messaging service, or a number or short code. */
  record Sender(String messagingServiceSid, String from) {}

  private final String messagingServiceSid;
  private final Map<String, String> byCountry;
  private final List<String> pool;

  SmsSenders(DispatcherSettings.Twilio settings) {
    this.messagingServiceSid =
        blank(settings.messagingServiceSid()) ? null : settings.messagingServiceSid();
    this.byCountry =
        settings.countrySenders().entrySet().stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    e -> e.getKey().strip().toUpperCase(Locale.ROOT), Map.Entry::getValue));
    var numbers = settings.fromNumbers().stream().filter(n -> !blank(n)).toList();
    this.pool = numbers.isEmpty() ? List.of(settings.fromNumber()) : numbers;
  }

  Sender senderFor(String to) {
    if (messagingServiceSid != null) {
      return new Sender(messagingServiceSid, null);
    }
    var local = byCountry.get(country(to));
    if (local != null) {
      return new Sender(null, local);
    }
    return new Sender(
        null,
        pool.size() == 1
            ? pool.get(0)
            : pool.stream()
                .max(Comparator.comparingLong(number -> weight(to, number)))
                .orElseThrow());
  }

  /**
   * ISO 3166 code of the number's country ("GB"), or "ZZ" when the number is not one libphonenumber
   * knows.
   */
  static String country(String number) {
    try {
      var region = PHONES.getRegionCodeForNumber(PHONES.parse(number, "ZZ"));
      return region == null ? "ZZ" : region;
    } catch (NumberParseException e) {
      return "ZZ";
    }
  }

  /**
   * A stable pseudo-random weight of a (destination, sender) pair: the same on every instance and
   * run.
   */
  private static long weight(String to, String number) {
    return UUID.nameUUIDFromBytes((to.strip() + "|" + number).getBytes(StandardCharsets.UTF_8))
        .getMostSignificantBits();
  }

  private static boolean blank(String text) {
    return text == null || text.isBlank();
  }
}
