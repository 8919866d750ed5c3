package alerting.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml and the files it mounts, read the way Compose reads them: anchors and merge
 * keys resolved, and {@code ${NAME:-default}} replaced by its default, which is what runs when
 * nobody sets NAME.
 */
record ComposeFile(Path root, Map<String, Object> document) {
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::?-([^}]*))?}");

  static ComposeFile load() {
    var root = repositoryRoot();
    return new ComposeFile(root, yaml(root.resolve("docker-compose.yml")));
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

  /** A service's environment, defaults filled in; fails on a variable without a default. */
  Map<String, String> environment(String name) {
    var env = new LinkedHashMap<String, String>();
    var declared = map(service(name).get("environment"));
    if (declared != null) {
      declared.forEach((key, value) -> env.put(key, resolve(String.valueOf(value))));
    }
    return env;
  }

  /** The raw text of a variable, e.g. {@code ${TWILIO_AUTH_TOKEN:-local-twilio-auth-token}}. */
  String rawEnvironment(String service, String variable) {
    var declared = map(service(service).get("environment"));
    return declared == null ? null : String.valueOf(declared.get(variable));
  }

  /** Container ports published as "host:container", by container port. */
  Map<Integer, Integer> publishedPorts(String name) {
    var ports = new LinkedHashMap<Integer, Integer>();
    for (var entry : list(service(name).get("ports"))) {
      var parts = String.valueOf(entry).split(":");
      ports.put(Integer.parseInt(parts[parts.length - 1]), Integer.parseInt(parts[parts.length - 2]));
    }
    return ports;
  }

  /** The service whose network a service runs in: its own, or the one its network_mode names. */
  String networkOf(String name) {
    var mode = service(name).get("network_mode");
    var shared = mode == null ? null : String.valueOf(mode);
    return shared != null && shared.startsWith("service:") ? shared.substring("service:".length()) : name;
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

  static String resolve(String value) {
    Matcher m = VARIABLE.matcher(value);
    var out = new StringBuilder();
    while (m.find()) {
      if (m.group(2) == null) {
        throw new AssertionError("${" + m.group(1) + "} has no default, so `docker compose up` needs it set");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
    }
    return m.appendTail(out).toString();
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
