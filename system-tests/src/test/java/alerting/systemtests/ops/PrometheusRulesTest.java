package alerting.systemtests.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The alerting rules on the pipeline itself (ops/prometheus/alerting-rules.yml), checked and
 * unit-tested by Prometheus's own promtool: each rule fires on what it is about, only after its
 * {@code for}, with its labels and runbook line, and stays quiet on the healthy case beside it
 * (ops/prometheus/alerting-rules.test.yml).
 */
class PrometheusRulesTest {
  static final Path PROMETHEUS = Path.of("..", "ops", "prometheus").toAbsolutePath().normalize();

  @Test
  void theRulesAreValidPrometheusRules() throws Exception {
    var run = Promtool.promtool(PROMETHEUS, null, "check", "rules", "alerting-rules.yml");
    assertThat(run.exitCode()).as(run.output()).isZero();
    assertThat(run.output()).contains("SUCCESS");
  }

  @Test
  void eachRuleFiresOnWhatItIsAboutAndStaysQuietOnTheHealthyCase() throws Exception {
    var run = Promtool.promtool(PROMETHEUS, null, "test", "rules", "alerting-rules.test.yml");
    assertThat(run.exitCode()).as(run.output()).isZero();
  }

  @Test
  void everyRuleHasARunbookLineAndATestWhereItFires() throws Exception {
    var rules = Files.readString(PROMETHEUS.resolve("alerting-rules.yml"));
    var tests = Files.readString(PROMETHEUS.resolve("alerting-rules.test.yml"));
    var names = Pattern.compile("(?m)^\\s*- alert: (\\w+)").matcher(rules).results().toList();
    assertThat(names).isNotEmpty();
    assertThat(Pattern.compile("(?m)^\\s*runbook: \\S").matcher(rules).results().count())
        .as("a runbook line per rule")
        .isEqualTo(names.size());
    for (var name : names) {
      // a test of the rule that expects it to fire: its alertname, then expected alerts
      assertThat(tests)
          .as("a test in which " + name.group(1) + " fires")
          .containsPattern("alertname: " + name.group(1) + "\\s+exp_alerts:\\s+- exp_labels:");
    }
  }
}
