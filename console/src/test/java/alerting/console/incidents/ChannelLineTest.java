package alerting.console.incidents;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.thymeleaf.context.Context;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

class ChannelLineTest {
  /**
   * As the dispatcher answers {@code GET /api/incidents/{id}}, read into a map like the board does.
   */
  static final Map<String, Object> SUMMARY =
      Map.of(
          "channels",
          List.of(
              channel(
                  "EMAIL", 28_000, 12_000, 15, 95.5, 27_990, 293L, "2026-11-21T10:07:12Z", null),
              channel("SMS", 40, 0, 0, 0.0, 40, null, null, "waiting for the first send"),
              channel("VOICE", 0, 0, 0, 0.0, 0, 0L, "2026-11-21T10:02:19Z", null)));

  @Test
  void aChannelWithARateSaysWhenEveryoneWillHaveBeenTried() {
    var email = ChannelLine.of(SUMMARY).get(0);

    assertThat(email.label()).isEqualTo("Email");
    assertThat(List.of(email.queued(), email.sent(), email.failed(), email.waiting()))
        .containsExactly(28_000L, 12_000L, 15L, 27_990L);
    assertThat(email.rate()).isEqualTo("95.5/s");
    assertThat(email.eta()).isEqualTo("everyone tried by 10:07:12 UTC (in 5 min)");
  }

  @Test
  void aChannelWithoutARateSaysWhyTheTimeIsNotKnownAndAnUnusedChannelIsLeftOut() {
    var lines = ChannelLine.of(SUMMARY);

    assertThat(lines).extracting(ChannelLine::channel).containsExactly("EMAIL", "SMS");
    assertThat(lines.get(1).rate()).isEqualTo("0/s");
    assertThat(lines.get(1).eta()).isEqualTo("not known yet: waiting for the first send");
    assertThat(ChannelLine.of(Map.of())).as("a dispatcher without channels").isEmpty();
  }

  @Test
  void onceNobodyWaitsTheChannelSaysEveryoneWasTried() {
    var done =
        ChannelLine.of(
                Map.of(
                    "channels",
                    List.of(channel("SMS", 0, 30, 2, 0.0, 0, 0L, "2026-11-21T10:02:19Z", null))))
            .get(0);

    assertThat(done.eta()).isEqualTo("everyone tried");
  }

  @Test
  void theWaitIsInSecondsUnderAMinuteAndOtherwiseInMinutesRoundedUp() {
    assertThat(ChannelLine.inWords(45)).isEqualTo("45 s");
    assertThat(ChannelLine.inWords(60)).isEqualTo("1 min");
    assertThat(ChannelLine.inWords(401)).isEqualTo("7 min");
    assertThat(ChannelLine.inWords(3_725)).isEqualTo("1 h 3 min");
  }

  @Test
  void theBoardRendersQueuedSentRateAndTheEtaOfEachChannel() {
    var engine = new SpringTemplateEngine();
    var templates = new ClassLoaderTemplateResolver();
    templates.setPrefix("console-templates/");
    templates.setSuffix(".html");
    engine.setTemplateResolver(templates);
    var context = new Context();
    context.setVariable("channels", ChannelLine.of(SUMMARY));

    var html = engine.process("incident-board", Set.of("sending"), context);

    assertThat(html)
        .contains(
            "<th scope=\"row\">Email</th>",
            "<td>28000</td>",
            "<td>12000</td>",
            "<td>95.5/s</td>",
            "everyone tried by 10:07:12 UTC (in 5 min)",
            "not known yet: waiting for the first send");
    assertThat(html).contains("data-channel=\"SMS\"").doesNotContain("data-channel=\"VOICE\"");
  }

  private static Map<String, Object> channel(
      String channel,
      long queued,
      long sent,
      long failed,
      double rate,
      long pending,
      Long eta,
      String doneAt,
      String reason) {
    var c = new HashMap<String, Object>();
    c.put("channel", channel);
    c.put("queued", queued);
    c.put("sent", sent);
    c.put("failed", failed);
    c.put("ratePerSecond", rate);
    c.put("firstAttemptsPending", pending);
    c.put("etaSeconds", eta);
    c.put("expectedDoneAt", doneAt);
    c.put("etaUnknownReason", reason);
    return c;
  }
}
