package alerting.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The pipeline's Kafka ACLs as written in {@code ops/kafka/acls.txt}, the file docker-compose's
 * init step applies too: a test on a secured broker grants exactly what production grants.
 */
public record KafkaAcls(List<Rule> rules) {

  /** One line of the file: {@code principal resource pattern name operations}. */
  public record Rule(
      String principal,
      ResourceType resource,
      PatternType pattern,
      String name,
      List<AclOperation> operations) {

    List<AclBinding> bindings() {
      var resourcePattern = new ResourcePattern(resource, name, pattern);
      return operations.stream()
          .map(
              op ->
                  new AclBinding(
                      resourcePattern,
                      new AccessControlEntry(
                          "User:" + principal, "*", op, AclPermissionType.ALLOW)))
          .toList();
    }
  }

  public static KafkaAcls load(Path file) {
    try {
      var rules = new ArrayList<Rule>();
      for (var line : Files.readAllLines(file)) {
        var text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        var f = text.split("\\s+");
        if (f.length != 5) {
          throw new IllegalArgumentException(file + ": expected 5 fields in '" + line + "'");
        }
        rules.add(
            new Rule(
                f[0],
                resource(f[1]),
                PatternType.valueOf(f[2].toUpperCase(Locale.ROOT)),
                f[3],
                Arrays.stream(f[4].split(","))
                    .map(op -> AclOperation.valueOf(op.toUpperCase(Locale.ROOT)))
                    .toList()));
      }
      return new KafkaAcls(List.copyOf(rules));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** The principals (without {@code User:}), in the order the file names them. */
  public Set<String> principals() {
    var principals = new LinkedHashSet<String>();
    rules.forEach(r -> principals.add(r.principal()));
    return principals;
  }

  public List<AclBinding> bindings() {
    return rules.stream().flatMap(r -> r.bindings().stream()).toList();
  }

  private static ResourceType resource(String name) {
    return ResourceType.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
