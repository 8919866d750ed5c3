package alerting.testsupport;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.DoubleFunction;

/**
 * A benchmark run N times ({@code -Dbench.runs}, 5 unless told), each run in a JVM of its own
 * started like the one that was launched (same JVM options, class path, main class and arguments):
 * a single run on a shared machine says little, and only a fresh JVM gives every run the same cold
 * start (its own broker, service and JIT) as the first. A run hands its figures back as named
 * numbers; the launching JVM reports their median, lowest and highest, and the load average around
 * each run.
 */
public final class BenchmarkRuns {
  /** Set in a run's JVM: the file it writes its figures to. */
  static final String FIGURES_FILE = "bench.figures-file";

  private BenchmarkRuns() {}

  public static int count() {
    return Integer.getInteger("bench.runs", 5);
  }

  /** True in the JVM of one run, started by {@link #repeat}. */
  public static boolean inRun() {
    return System.getProperty(FIGURES_FILE) != null;
  }

  /** In a run's JVM: hands its figures to the JVM that started it. */
  public static void hand(Map<String, ?> figures) throws IOException {
    var properties = new Properties();
    figures.forEach((name, value) -> properties.setProperty(name, String.valueOf(value)));
    try (Writer out = Files.newBufferedWriter(Path.of(System.getProperty(FIGURES_FILE)))) {
      properties.store(out, null);
    }
  }

  /** One run: when, the machine's load around it, and its figures (none if it failed). */
  public record Run(
      int number,
      Instant started,
      Duration took,
      String loadAtStart,
      String loadAtEnd,
      int exitCode,
      Map<String, String> figures) {

    public boolean ok() {
      return exitCode == 0 && !figures.isEmpty();
    }

    public Optional<Double> figure(String name) {
      return Optional.ofNullable(figures.get(name)).map(Double::parseDouble);
    }

    public double value(String name) {
      return figure(name).orElse(Double.NaN);
    }

    public String text(String name) {
      return figures.getOrDefault(name, "");
    }

    /** e.g. {@code 20:31:05} */
    public String startedAt() {
      return started.truncatedTo(ChronoUnit.SECONDS).toString().substring(11, 19);
    }
  }

  /**
   * Runs {@code main} {@link #count()} times one after the other, each in a new JVM with this JVM's
   * options; its output goes to this one's. A run that fails is reported and left out.
   */
  public static List<Run> repeat(Class<?> main, List<String> args, Path dir)
      throws IOException, InterruptedException {
    var runs = count();
    Files.createDirectories(dir);
    var results = new ArrayList<Run>();
    for (var number = 1; number <= runs; number++) {
      var figuresFile = dir.resolve("run-" + number + ".properties").toAbsolutePath();
      Files.deleteIfExists(figuresFile);
      var command = new ArrayList<String>();
      command.add(ChildJvm.javaExecutable());
      command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
      command.add("-D" + FIGURES_FILE + "=" + figuresFile);
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(main.getName());
      command.addAll(args);
      var loadAtStart = BenchmarkDoc.loadAverage();
      var started = Instant.now();
      System.out.printf(
          "%s [runs] run %d of %d (load average %s)%n", started, number, runs, loadAtStart);
      var exitCode = new ProcessBuilder(command).inheritIO().start().waitFor();
      var figures = new TreeMap<String, String>();
      if (Files.exists(figuresFile)) {
        var properties = new Properties();
        try (Reader in = Files.newBufferedReader(figuresFile)) {
          properties.load(in);
        }
        properties.forEach((name, value) -> figures.put((String) name, (String) value));
      }
      var run =
          new Run(
              number,
              started,
              Duration.between(started, Instant.now()),
              loadAtStart,
              BenchmarkDoc.loadAverage(),
              exitCode,
              figures);
      if (!run.ok()) {
        System.out.printf("[runs] run %d failed (exit code %d): left out%n", number, exitCode);
      }
      results.add(run);
    }
    return results;
  }

  /** Median, lowest and highest of one figure over the runs that have it. */
  public record Spread(int runs, double median, double min, double max) {
    public static Spread of(Collection<Double> values) {
      var sorted = values.stream().filter(v -> !v.isNaN()).sorted().toList();
      if (sorted.isEmpty()) {
        return new Spread(0, Double.NaN, Double.NaN, Double.NaN);
      }
      var n = sorted.size();
      var median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
      return new Spread(n, median, sorted.get(0), sorted.get(n - 1));
    }

    /** {@code | median | min | max |} cells, each formatted by {@code format}. */
    public String cells(DoubleFunction<String> format) {
      return runs == 0
          ? "– | – | –"
          : format.apply(median) + " | " + format.apply(min) + " | " + format.apply(max);
    }
  }

  /** The spread of {@code figure} over the runs that succeeded. */
  public static Spread spread(List<Run> runs, String figure) {
    return Spread.of(runs.stream().filter(Run::ok).map(r -> r.value(figure)).toList());
  }

  /** Number formats for the reports, e.g. {@code 11,157} and {@code 0.043}. */
  public static String whole(double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,.0f", value);
  }

  public static String decimals(int places, double value) {
    return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, "%,." + places + "f", value);
  }
}
