package alerting.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A Customer Support Access message must not read as a security incident: no "security concern", no
 * "security alert" (the "security alerting service" that sends it is fine) and no "incident",
 * except to say it is not one.
 */
public final class IncidentWords {
  private static final Pattern ALARM = Pattern.compile("\\bsecurity (alert|concern)s?\\b");
  private static final Pattern NOT_ONE = Pattern.compile("not (a security|an) incident");

  private IncidentWords() {}

  public static void assertNone(String what, String message) {
    var text = message.toLowerCase(Locale.ROOT);
    assertThat(ALARM.matcher(text).find())
        .as(what + " speaks of a security alert or concern: " + message)
        .isFalse();
    assertThat(NOT_ONE.matcher(text).replaceAll(""))
        .as(what + " speaks of an incident")
        .doesNotContain("incident");
  }
}
