package alerting.testsupport;

import alerting.localinfra.FreePorts;
import alerting.localinfra.LocalKafkaBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.config.SaslConfigs;

/**
 * A single-node KRaft broker in this JVM with authentication and ACLs as in production: clients
 * authenticate with SASL/SCRAM-SHA-512 on a SASL_PLAINTEXT listener, the StandardAuthorizer denies
 * whatever no ACL allows, and only {@code admin} (SASL/PLAIN, also the broker's own principal to
 * its controller) is a super user. Service users and their ACLs are added after start.
 */
public final class SecuredKafkaBroker implements AutoCloseable {
  public static final String ADMIN = "admin";
  public static final String SCRAM = "SCRAM-SHA-512";
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private final LocalKafkaBroker broker;
  private final String adminPassword;

  private SecuredKafkaBroker(LocalKafkaBroker broker, String adminPassword) {
    this.broker = broker;
    this.adminPassword = adminPassword;
  }

  /** Starts on two free ports with its data under {@code dataDir}. */
  public static SecuredKafkaBroker start(Path dataDir) {
    var adminPassword = "admin-" + java.util.UUID.randomUUID();
    var port = FreePorts.next();
    var controllerPort = FreePorts.next();
    var plainAdmin =
        "org.apache.kafka.common.security.plain.PlainLoginModule required username=\""
            + ADMIN
            + "\" password=\""
            + adminPassword
            + "\" user_"
            + ADMIN
            + "=\""
            + adminPassword
            + "\";";
    var props = new HashMap<String, String>();
    props.put(
        "listeners", "CLIENTS://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
    props.put("advertised.listeners", "CLIENTS://localhost:" + port);
    props.put("listener.security.protocol.map", "CLIENTS:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
    props.put("inter.broker.listener.name", "CLIENTS");
    // services sign in with SCRAM; PLAIN is there for the admin only: its JAAS entry lists no one
    // else
    props.put("listener.name.clients.sasl.enabled.mechanisms", "PLAIN," + SCRAM);
    props.put("listener.name.clients.plain.sasl.jaas.config", plainAdmin);
    props.put(
        "listener.name.clients.scram-sha-512.sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required;");
    props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
    // the controller listener is authenticated too: an anonymous client there would need to be a
    // super user
    props.put("listener.name.controller.sasl.enabled.mechanisms", "PLAIN");
    props.put("listener.name.controller.plain.sasl.jaas.config", plainAdmin);
    props.put("sasl.mechanism.controller.protocol", "PLAIN");
    props.put("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer");
    props.put("super.users", "User:" + ADMIN);
    props.put("allow.everyone.if.no.acl.found", "false");
    props.put("auto.create.topics.enable", "false");
    var admin = new HashMap<String, Object>();
    admin.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
    admin.put(SaslConfigs.SASL_MECHANISM, "PLAIN");
    admin.put(
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\""
            + ADMIN
            + "\" password=\""
            + adminPassword
            + "\";");
    return new SecuredKafkaBroker(
        LocalKafkaBroker.start(dataDir, port, controllerPort, props, admin), adminPassword);
  }

  public String bootstrapServers() {
    return broker.bootstrapServers();
  }

  /**
   * Client settings of the super user (SASL/PLAIN): for creating topics, users, ACLs, and reading
   * anything.
   */
  public Map<String, Object> adminClientProperties() {
    return Map.of(
        AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers(),
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM,
        "PLAIN",
        SaslConfigs.SASL_JAAS_CONFIG,
        "org.apache.kafka.common.security.plain.PlainLoginModule required"
            + " username=\""
            + ADMIN
            + "\" password=\""
            + adminPassword
            + "\";");
  }

  /** Client settings of {@code user} signing in with SCRAM-SHA-512. */
  public Map<String, Object> clientProperties(String user, String password) {
    return Map.of(
        CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
        bootstrapServers(),
        CommonClientConfigs.SECURITY_PROTOCOL_CONFIG,
        "SASL_PLAINTEXT",
        SaslConfigs.SASL_MECHANISM,
        SCRAM,
        SaslConfigs.SASL_JAAS_CONFIG,
        scramJaasConfig(user, password));
  }

  public static String scramJaasConfig(String user, String password) {
    return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\""
        + user
        + "\" password=\""
        + password
        + "\";";
  }

  /**
   * Creates (or changes) SCRAM-SHA-512 credentials, as {@code kafka-configs.sh --add-config} does.
   */
  public void addUsers(Map<String, String> passwords) {
    try (var admin = Admin.create(adminClientProperties())) {
      var upserts =
          passwords.entrySet().stream()
              .map(
                  e ->
                      (org.apache.kafka.clients.admin.UserScramCredentialAlteration)
                          new UserScramCredentialUpsertion(
                              e.getKey(),
                              new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192),
                              e.getValue()))
              .toList();
      admin
          .alterUserScramCredentials(upserts)
          .all()
          .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not add SCRAM users " + passwords.keySet(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public void grant(KafkaAcls acls) {
    try (var admin = Admin.create(adminClientProperties())) {
      admin.createAcls(acls.bindings()).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create ACLs", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Creates topics as the super user, like the init step of docker-compose. */
  public void createTopics(List<org.apache.kafka.clients.admin.NewTopic> topics) {
    try (var admin = Admin.create(adminClientProperties())) {
      admin.createTopics(topics).all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not create topics", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    broker.close();
  }
}
