package alerting.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import alerting.testsupport.KafkaAcls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose's init step (ops/kafka/kafka-init.sh) reads ops/kafka/acls.txt with a shell, the
 * secured tests with {@link KafkaAcls}: run against stand-ins for Kafka's command-line tools that
 * record their arguments, the script must grant exactly what the tests grant, to the same users.
 */
class KafkaInitScriptTest {
  static final Path ROOT = ComposeFile.repositoryRoot();

  @TempDir Path bin;

  @Test
  void theInitStepMakesEveryPrincipalAUserAndGrantsExactlyTheAclFile() throws Exception {
    var acls = KafkaAcls.load(ROOT.resolve("ops/kafka/acls.txt"));
    var env = new HashMap<String, String>();
    acls.principals().forEach(p -> env.put(variable(p), "pw" + Math.abs(p.hashCode())));
    var calls = run(env);

    var users =
        calls.stream()
            .filter(c -> c.get(0).equals("kafka-configs.sh"))
            .collect(
                Collectors.toMap(c -> after(c, "--entity-name"), c -> after(c, "--add-config")));
    assertThat(users.keySet()).isEqualTo(acls.principals());
    users.forEach(
        (user, config) ->
            assertThat(config)
                .isEqualTo(
                    "SCRAM-SHA-512=[iterations=8192,password=" + env.get(variable(user)) + "]"));

    var granted = new HashSet<String>();
    for (var call : calls.stream().filter(c -> c.get(0).equals("kafka-acls.sh")).toList()) {
      assertThat(call).contains("--add", "--bootstrap-server", "--command-config");
      var resource =
          call.stream()
              .filter(a -> List.of("--topic", "--group", "--transactional-id").contains(a))
              .findFirst()
              .orElseThrow();
      for (var i = 0; i < call.size(); i++) {
        if (call.get(i).equals("--operation")) {
          granted.add(
              String.join(
                      " ",
                      after(call, "--allow-principal"),
                      resource.substring(2).replace('-', '_'),
                      after(call, "--resource-pattern-type"),
                      after(call, resource),
                      call.get(i + 1))
                  .toUpperCase(Locale.ROOT));
        }
      }
    }
    var expected =
        acls.bindings().stream()
            .map(
                b ->
                    String.join(
                            " ",
                            b.entry().principal(),
                            b.pattern().resourceType().name(),
                            b.pattern().patternType().name(),
                            b.pattern().name(),
                            b.entry().operation().name())
                        .toUpperCase(Locale.ROOT))
            .collect(Collectors.toSet());
    assertThat(granted).isEqualTo(expected);
  }

  @Test
  void theInitStepStopsWhenAPasswordIsMissing() throws Exception {
    var process = start(Map.of());
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).isNotZero();
    assertThat(new String(process.getErrorStream().readAllBytes())).contains("KAFKA_PASSWORD_");
  }

  private static String variable(String principal) {
    return "KAFKA_PASSWORD_" + principal.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  private static String after(List<String> call, String flag) {
    return call.get(call.indexOf(flag) + 1);
  }

  /** Each call of a stand-in tool: its name, then its arguments as given. */
  private List<List<String>> run(Map<String, String> env) throws Exception {
    var process = start(env);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as(new String(process.getErrorStream().readAllBytes()))
        .isZero();
    var calls = new ArrayList<List<String>>();
    for (var line : Files.readAllLines(bin.resolve("calls.log"))) {
      if (line.startsWith("CALL ")) {
        calls.add(new ArrayList<>(List.of(line.substring(5))));
      } else {
        calls.get(calls.size() - 1).add(line.substring(4)); // "ARG " + the argument
      }
    }
    return calls;
  }

  private Process start(Map<String, String> env) throws Exception {
    for (var tool : Set.of("kafka-configs.sh", "kafka-acls.sh")) {
      var script = bin.resolve(tool);
      Files.writeString(
          script,
          "#!/bin/sh\n{ echo \"CALL "
              + tool
              + "\"; for a in \"$@\"; do echo \"ARG $a\"; done; } >> \""
              + bin.resolve("calls.log")
              + "\"\n");
      script.toFile().setExecutable(true);
    }
    var builder =
        new ProcessBuilder(
                "sh",
                ROOT.resolve("ops/kafka/kafka-init.sh").toString(),
                "kafka:29092",
                "/tmp/admin.properties")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().keySet().removeIf(k -> k.startsWith("KAFKA_PASSWORD_"));
    builder.environment().putAll(env);
    builder.environment().put("KAFKA_BIN", bin.toString());
    return builder.start();
  }
}
