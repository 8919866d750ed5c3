package alerting.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the files it mounts, read the way Compose reads them: anchors and merge
 * keys resolved, {@code ${NAME:-default}} replaced by its default, which is what runs when nobody
 * sets NAME, and a required {@code ${NAME:?message}} by its value in .env.example, or a made-up
 * secret where .env.example leaves it for the operator to fill in.
 */
record ComposeFile(Path root, Map<String, Object> document, Map<String, String> envExample) {
  private static final Pattern VARIABLE =
      Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?([-?])([^}]*))?}");

  static ComposeFile load() {
    var root = repositoryRoot();
    return new ComposeFile(
        root, yaml(root.resolve("docker-compose.yml")), envFile(root.resolve(".env.example")));
  }

  /** NAME=value lines of an .env file, comments and blank lines skipped. */
  static Map<String, String> envFile(Path file) {
    var values = new LinkedHashMap<String, String>();
    try {
      for (var line : Files.readAllLines(file)) {
        var trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          var eq = trimmed.indexOf('=');
          values.put(trimmed.substring(0, eq).strip(), trimmed.substring(eq + 1).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return values;
  }

  /** Variables compose requires, {@code ${NAME:?message}}, by name, with their message. */
  Map<String, String> requiredVariables() {
    var required = new LinkedHashMap<String, String>();
    var m = VARIABLE.matcher(raw());
    while (m.find()) {
      if ("?".equals(m.group(2))) {
        required.put(m.group(1), m.group(3));
      }
    }
    return required;
  }

  /** Every variable's text, as written, e.g. {@code ${ACK_LINK_KEY:?set ...}}. */
  List<String> variableTexts() {
    return VARIABLE.matcher(raw()).results().map(m -> m.group()).toList();
  }

  /** docker-compose.yml without its comments, which Compose does not interpolate. */
  private String raw() {
    try {
      return String.join(
          "\n",
          Files.readAllLines(root.resolve("docker-compose.yml")).stream()
              .filter(line -> !line.strip().startsWith("#"))
              .toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path repositoryRoot() {
    for (var dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("docker-compose.yml")) && Files.exists(dir.resolve("events"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no docker-compose.yml above " + Path.of("").toAbsolutePath());
  }

  static Map<String, Object> yaml(Path file) {
    var options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    try (var reader = Files.newBufferedReader(file)) {
      return new Yaml(options).load(reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Map<String, Object> services() {
    return map(document.get("services"));
  }

  Map<String, Object> service(String name) {
    var service = map(services().get(name));
    if (service == null) {
      throw new AssertionError("docker-compose.yml has no service " + name);
    }
    return service;
  }

  /**
   * A service's environment, defaults and .env.example filled in; fails on a variable that neither
   * has a default nor is required.
   */
  Map<String, String> environment(String name) {
    var env = new LinkedHashMap<String, String>();
    var declared = map(service(name).get("environment"));
    if (declared != null) {
      declared.forEach((key, value) -> env.put(key, resolve(String.valueOf(value))));
    }
    return env;
  }

  /**
   * The raw text of a variable, e.g. {@code ${TWILIO_AUTH_TOKEN:?set TWILIO_AUTH_TOKEN in .env,
   * ...}}.
   */
  String rawEnvironment(String service, String variable) {
    var declared = map(service(service).get("environment"));
    return declared == null ? null : String.valueOf(declared.get(variable));
  }

  /** Container ports published as "host:container", by container port. */
  Map<Integer, Integer> publishedPorts(String name) {
    var ports = new LinkedHashMap<Integer, Integer>();
    for (var entry : list(service(name).get("ports"))) {
      var parts = String.valueOf(entry).split(":");
      ports.put(
          Integer.parseInt(parts[parts.length - 1]), Integer.parseInt(parts[parts.length - 2]));
    }
    return ports;
  }

  /** The service whose network a service runs in: its own, or the one its network_mode names. */
  String networkOf(String name) {
    var mode = service(name).get("network_mode");
    var shared = mode == null ? null : String.valueOf(mode);
    return shared != null && shared.startsWith("service:")
        ? shared.substring("service:".length())
        : name;
  }

  /** Bind mounts as container path -> host path relative to the repository root. */
  Map<String, Path> bindMounts(String name) {
    var mounts = new LinkedHashMap<String, Path>();
    for (var entry : list(service(name).get("volumes"))) {
      var parts = String.valueOf(entry).split(":");
      if (parts[0].startsWith("./")) {
        mounts.put(parts[1], root.resolve(parts[0]).normalize());
      }
    }
    return mounts;
  }

  String resolve(String value) {
    Matcher m = VARIABLE.matcher(value);
    var out = new StringBuilder();
    while (m.find()) {
      if (m.group(2) == null) {
        throw new AssertionError(
            "${"
                + m.group(1)
                + "} has no default, so `docker compose up` needs it set: "
                + "give it a default or require it with ${"
                + m.group(1)
                + ":?message} and list it in .env.example");
      }
      m.appendReplacement(
          out,
          Matcher.quoteReplacement(m.group(2).equals("-") ? m.group(3) : required(m.group(1))));
    }
    return m.appendTail(out).toString();
  }

  /** What an operator would put in .env: .env.example's value, or a secret of their own. */
  private String required(String variable) {
    if (!envExample.containsKey(variable)) {
      throw new AssertionError(
          variable + " is required by docker-compose.yml but not listed in .env.example");
    }
    var example = envExample.get(variable);
    return example.isEmpty()
        ? "operators-own-" + variable.toLowerCase(Locale.ROOT) + "-0123456789abcdef"
        : example;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value == null ? List.of() : (List<Object>) value;
  }
}
