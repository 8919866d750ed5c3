package alerting.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.testsupport.BenchmarkRuns.Run;
import alerting.testsupport.BenchmarkRuns.Spread;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchmarkRunsTest {

  @Test
  void medianOfAnOddNumberOfRunsIsTheMiddleOne() {
    var spread = Spread.of(List.of(7298.0, 4304.0, 8716.0, 3923.0, 4320.0));

    assertThat(spread).isEqualTo(new Spread(5, 4320.0, 3923.0, 8716.0));
  }

  @Test
  void medianOfAnEvenNumberOfRunsIsBetweenTheMiddleTwo() {
    assertThat(Spread.of(List.of(0.044, 0.042)).median()).isCloseTo(0.043, within());
  }

  @Test
  void failedRunsAndRunsWithoutTheFigureAreLeftOut() {
    var runs =
        List.of(
            run(1, 0, Map.of("resume.ms", "4000")),
            run(2, 1, Map.of("resume.ms", "100")),
            run(3, 0, Map.of("other", "1")),
            run(4, 0, Map.of("resume.ms", "6000")));

    var spread = BenchmarkRuns.spread(runs, "resume.ms");

    assertThat(spread).isEqualTo(new Spread(2, 5000.0, 4000.0, 6000.0));
  }

  @Test
  void noRunsShowDashes() {
    assertThat(Spread.of(List.of()).cells(BenchmarkRuns::whole)).isEqualTo("– | – | –");
  }

  private static Run run(int number, int exitCode, Map<String, String> figures) {
    return new Run(
        number, Instant.now(), Duration.ZERO, "1.0 1.0 1.0", "1.0 1.0 1.0", exitCode, figures);
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }
}
