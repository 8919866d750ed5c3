package alerting.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import alerting.ack.system.AckReceiverSettings;
import alerting.console.system.ConsoleSettings;
import alerting.console.system.ServiceApis;
import alerting.contacts.system.ContactServiceSettings;
import alerting.dispatcher.system.DispatcherSettings;
import alerting.escalation.system.WorkerSettings;
import alerting.events.Topics;
import alerting.identity.IdentitySettings;
import alerting.testsupport.KafkaAcls;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientProperties;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerProperties;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What can be checked of docker-compose.yml without a Docker engine: it parses, every variable of a
 * service binds to a real setting of that service, ports and URLs agree across the services, the
 * console, Prometheus and Grafana, and every token the identity provider issues names the issuer
 * and audience the services check.
 */
class ComposeFileTest {
  static final ComposeFile COMPOSE = ComposeFile.load();
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** Our applications: compose service = Maven module = config file name. */
  enum App {
    CONTACTS("contact-service", ContactServiceSettings.class, true),
    DISPATCHER("alert-dispatcher", DispatcherSettings.class, true),
    WORKER("escalation-worker", WorkerSettings.class, true),
    ACK("ack-receiver", AckReceiverSettings.class, true),
    IDENTITY("identity", IdentitySettings.class, false),
    CONSOLE("console", ConsoleSettings.class, false);

    final String service;
    final Class<?> settings;

    /** One of the four services of the pipeline: a Kafka client that Prometheus scrapes. */
    final boolean pipeline;

    App(String service, Class<?> settings, boolean pipeline) {
      this.service = service;
      this.settings = settings;
      this.pipeline = pipeline;
    }

    Map<String, String> env() {
      return COMPOSE.environment(service);
    }

    /** What the running application would see: its compose environment over its config file. */
    Binder binder() {
      return ServiceSettings.binder(service, env());
    }

    int serverPort() {
      return binder()
          .bind("server.port", Integer.class)
          .orElseThrow(() -> new AssertionError(service + " sets no server.port"));
    }

    /** Where actuator answers: a port of its own, never the public one. */
    int managementPort() {
      return binder()
          .bind("management.server.port", Integer.class)
          .orElseThrow(() -> new AssertionError(service + " sets no management.server.port"));
    }
  }

  static Stream<App> pipeline() {
    return Stream.of(App.values()).filter(app -> app.pipeline);
  }

  /** Spring Boot features a variable may configure only where the service has them. */
  record Feature(String prefix, String starter, String autoConfiguration) {}

  static final List<Feature> FEATURES =
      List.of(
          new Feature("spring.kafka.", "spring-boot-starter-kafka", "KafkaAutoConfiguration"),
          new Feature(
              "spring.datasource.", "spring-boot-starter-jdbc", "DataSourceAutoConfiguration"),
          new Feature("spring.flyway.", "spring-boot-starter-flyway", "FlywayAutoConfiguration"),
          new Feature("spring.mail.", "spring-boot-starter-mail", "MailSenderAutoConfiguration"),
          new Feature(
              "spring.security.oauth2.resourceserver.",
              "spring-boot-starter-security-oauth2-resource-server",
              "OAuth2ResourceServerAutoConfiguration"),
          new Feature(
              "spring.security.oauth2.client.",
              "spring-boot-starter-security-oauth2-client",
              "OAuth2ClientAutoConfiguration"));
  static final List<String> EVERY_SERVICE =
      List.of("server.", "management.", "logging.", "spring.application.");

  @Test
  void composeRunsTheWholeSystemWithHealthChecks() {
    assertThat(COMPOSE.services())
        .containsKeys(
            "kafka",
            "kafka-topics",
            "postgres",
            "mailpit",
            "identity",
            "prometheus",
            "grafana",
            "contact-service",
            "alert-dispatcher",
            "escalation-worker",
            "escalation-worker-2",
            "ack-receiver",
            "console");
    assertThat(String.valueOf(COMPOSE.service("kafka").get("image")))
        .startsWith("apache/kafka:4.2.1");
    assertThat(COMPOSE.environment("kafka").get("KAFKA_PROCESS_ROLES"))
        .isEqualTo("broker,controller");
    for (var name : COMPOSE.services().keySet()) {
      var dependsOn = ComposeFile.map(COMPOSE.service(name).get("depends_on"));
      if (dependsOn != null) {
        assertThat(COMPOSE.services())
            .as(name + " depends on")
            .containsKeys(dependsOn.keySet().toArray(String[]::new));
      }
      if (!name.equals("kafka-topics")) { // a one-off job
        assertThat(COMPOSE.service(name))
            .as(name + " has a health check")
            .containsKey("healthcheck");
      }
      if (!COMPOSE.networkOf(name).equals(name)) { // Docker refuses both
        assertThat(COMPOSE.service(name))
            .as(name + " runs in another's network")
            .doesNotContainKey("ports");
      }
    }
  }

  @Test
  void twoWorkersRunEachWithItsOwnIdAndStateAndAShortSessionTheBrokerAllows() {
    var first = COMPOSE.environment("escalation-worker");
    var second = COMPOSE.environment("escalation-worker-2");
    assertThat(COMPOSE.service("escalation-worker-2").get("build"))
        .isEqualTo(COMPOSE.service("escalation-worker").get("build"));
    assertThat(second)
        .containsEntry("ALERTING_WORKER_STREAMS_INSTANCE_ID", "escalation-worker-2")
        .containsEntry(
            "SPRING_KAFKA_BOOTSTRAP_SERVERS", first.get("SPRING_KAFKA_BOOTSTRAP_SERVERS"))
        .containsEntry(
            "ALERTING_WORKER_STREAMS_SESSION_TIMEOUT",
            first.get("ALERTING_WORKER_STREAMS_SESSION_TIMEOUT"));
    assertThat(first).containsEntry("ALERTING_WORKER_STREAMS_INSTANCE_ID", "escalation-worker-1");
    assertThat(COMPOSE.service("escalation-worker-2").get("volumes").toString())
        .contains("worker-state-2:")
        .isNotEqualTo(COMPOSE.service("escalation-worker").get("volumes").toString());
    var session =
        App.WORKER
            .binder()
            .bind("alerting.worker.streams.session-timeout", java.time.Duration.class)
            .orElseThrow(() -> new AssertionError("compose sets no worker session timeout"));
    assertThat(session).isLessThan(java.time.Duration.ofSeconds(5));
    assertThat(
            Long.parseLong(COMPOSE.environment("kafka").get("KAFKA_GROUP_MIN_SESSION_TIMEOUT_MS")))
        .as("the broker accepts the workers' session")
        .isLessThanOrEqualTo(session.toMillis());
    var workerSettings = App.WORKER.binder().bindOrCreate("alerting.worker", WorkerSettings.class);
    assertThat(workerSettings.streams().standbyReplicas()).isEqualTo(1);
  }

  @ParameterizedTest
  @EnumSource(App.class)
  void eachServiceIsBuiltFromItsModulesExecutableJar(App app) throws Exception {
    var build = ComposeFile.map(COMPOSE.service(app.service).get("build"));
    assertThat(build)
        .as("one Dockerfile for every module, at the root")
        .containsEntry("context", ".")
        .doesNotContainKey("dockerfile");
    var args = ComposeFile.map(build.get("args"));
    assertThat(args).containsEntry("MODULE", app.service);
    assertThat(String.valueOf(args.get("PORT"))).isEqualTo(String.valueOf(app.serverPort()));
    assertThat(String.valueOf(args.get("MANAGEMENT_PORT")))
        .isEqualTo(String.valueOf(app.managementPort()));
    var dockerfile = Files.readString(COMPOSE.root().resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains("ARG VERSION=" + projectVersion() + "\n")
        .contains("COPY ${MODULE}/target/${MODULE}-${VERSION}-exec.jar ")
        .contains("HEALTH_CHECK_PORT=${MANAGEMENT_PORT}")
        .contains("http://localhost:${HEALTH_CHECK_PORT}/actuator/health");
    // files the image takes from the module itself (the dispatcher's jvm.options) must be there
    if (args.containsKey("JVM_OPTIONS")) {
      assertThat(COMPOSE.root().resolve(String.valueOf(args.get("JVM_OPTIONS"))))
          .isRegularFile()
          .hasFileName("jvm.options")
          .hasParent(COMPOSE.root().resolve(app.service));
    }
    assertThat(COMPOSE.root().resolve(".dockerignore"))
        .content()
        .contains("!*/target/*-exec.jar", "!*/jvm.options");
    if (app.pipeline) {
      var dependsOn = ComposeFile.map(COMPOSE.service(app.service).get("depends_on"));
      assertThat(ComposeFile.map(dependsOn.get("kafka-topics")))
          .containsEntry("condition", "service_completed_successfully");
    }
  }

  @Test
  void theWorkerStartsFromAClassDataSharingArchiveMadeAtBuildTime() throws Exception {
    var args =
        ComposeFile.map(
            ComposeFile.map(COMPOSE.service("escalation-worker").get("build")).get("args"));
    assertThat(args)
        .containsEntry("JVM_OPTIONS", "escalation-worker/jvm.options")
        .containsEntry("STATE_DIR", "/var/lib/escalation-worker");
    // the training run must stop before the streams client, or anything else, reaches for Kafka
    assertThat(String.valueOf(args.get("CDS_TRAINING")))
        .contains(
            "--alerting.worker.streams.auto-startup=false",
            "--alerting.worker.topics.create=false",
            "--spring.kafka.bootstrap-servers=localhost:9");
    var dockerfile = Files.readString(COMPOSE.root().resolve("Dockerfile"));
    assertThat(dockerfile)
        .contains(
            "-XX:ArchiveClassesAtExit=app.jsa -Dspring.context.exit=onRefresh -jar app.jar",
            "test -s app.jsa && echo \"-XX:SharedArchiveFile=app.jsa\" >> jvm.options",
            "ENTRYPOINT [\"java\", \"@jvm.options\", \"-jar\", \"app.jar\"]");
    for (var app : App.values()) {
      if (app != App.WORKER) {
        assertThat(
                ComposeFile.map(
                    ComposeFile.map(COMPOSE.service(app.service).get("build")).get("args")))
            .as(app.service + " has no archive")
            .doesNotContainKey("CDS_TRAINING");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(App.class)
  void everyVariableBindsToASettingOfItsService(App app) throws Exception {
    var prefix = ServiceSettings.prefixOf(app.settings);
    var own = ServiceSettings.propertiesOf(app.settings);
    var boot = ServiceSettings.bootProperties();
    var pom = Files.readString(COMPOSE.root().resolve(app.service).resolve("pom.xml"));
    var configFile =
        new String(
            ComposeFileTest.class.getResourceAsStream("/" + app.service + ".yml").readAllBytes());
    var unbound = new ArrayList<String>();
    for (var variable : app.env().keySet()) {
      if (variable.startsWith(ServiceSettings.envNames(prefix).iterator().next() + "_")) {
        if (ServiceSettings.boundBy(variable, own).isEmpty()) {
          unbound.add(variable + " (no such setting in " + app.settings.getSimpleName() + ")");
        }
        continue;
      }
      var property = ServiceSettings.boundBy(variable, boot);
      if (property.isEmpty()) {
        unbound.add(variable + " (neither " + prefix + ".* nor a Spring Boot property)");
        continue;
      }
      var name = property.get().name();
      var feature = FEATURES.stream().filter(f -> name.startsWith(f.prefix())).findFirst();
      if (feature.isPresent()) {
        if (!pom.contains("<artifactId>" + feature.get().starter() + "</artifactId>")
            || configFile.contains(feature.get().autoConfiguration())) {
          unbound.add(
              variable + " (" + app.service + " does not use " + feature.get().prefix() + "*)");
        }
      } else if (EVERY_SERVICE.stream().noneMatch(name::startsWith)) {
        unbound.add(variable + " (" + name + ": add its feature to ComposeFileTest.FEATURES)");
      }
    }
    assertThat(unbound).as("variables of " + app.service + " that bind to nothing").isEmpty();
    // and the values convert and pass the settings' own validation, as at start-up
    assertThatCode(
            () -> ServiceSettings.binder(app.service, app.env()).bindOrCreate(prefix, app.settings))
        .doesNotThrowAnyException();
  }

  @ParameterizedTest
  @MethodSource("pipeline")
  void prometheusScrapesEachServiceWhereItListens(App app) {
    var management = app.managementPort();
    assertThat(management).as("actuator is not on the public port").isNotEqualTo(app.serverPort());
    assertThat(COMPOSE.publishedPorts(app.service))
        .containsKey(app.serverPort())
        .doesNotContainKey(management);
    assertThat(healthCheck(app.service))
        .contains("http://localhost:" + management + "/actuator/health");
    var binder = ServiceSettings.binder(app.service, app.env());
    assertThat(
            binder
                .bind("management.endpoints.web.exposure.include", String[].class)
                .orElse(new String[0]))
        .contains("health", "prometheus");
    var targets = new java.util.HashSet<>(Set.of(app.service + ":" + management));
    if (app == App.WORKER) {
      targets.add("escalation-worker-2:" + management); // its standby twin, the same image
    }
    assertThat(prometheusTargets()).containsEntry(app.service, targets);
  }

  @Test
  void prometheusScrapesNothingButTheFourServices() {
    assertThat(prometheusTargets().keySet())
        .containsExactlyInAnyOrder(pipeline().map(a -> a.service).toArray(String[]::new));
    var command = ComposeFile.list(COMPOSE.service("prometheus").get("command"));
    var configFile =
        command.stream()
            .map(String::valueOf)
            .filter(c -> c.startsWith("--config.file="))
            .map(c -> c.substring("--config.file=".length()))
            .findFirst()
            .orElseThrow();
    assertThat(COMPOSE.bindMounts("prometheus").get(configFile))
        .isEqualTo(COMPOSE.root().resolve("ops/prometheus/prometheus.yml"));
  }

  /**
   * The alerting rules on the pipeline itself are loaded: prometheus.yml names the file, relative
   * to itself, and compose mounts it beside the config (PrometheusRulesTest tests the rules).
   */
  @Test
  void prometheusLoadsTheAlertingRulesOnThePipeline() {
    var config = ComposeFile.yaml(COMPOSE.root().resolve("ops/prometheus/prometheus.yml"));
    var ruleFiles = ComposeFile.list(config.get("rule_files"));
    assertThat(ruleFiles).containsExactly("alerting-rules.yml");
    assertThat(COMPOSE.bindMounts("prometheus").get("/etc/prometheus/alerting-rules.yml"))
        .isEqualTo(COMPOSE.root().resolve("ops/prometheus/alerting-rules.yml"));
  }

  @Test
  void everyServiceReachesTheSameKafka() {
    var advertised = COMPOSE.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS");
    var topicStep =
        String.valueOf(ComposeFile.list(COMPOSE.service("kafka-topics").get("command")));
    for (var app : pipeline().toList()) {
      var bootstrap = app.env().get("SPRING_KAFKA_BOOTSTRAP_SERVERS");
      assertThat(bootstrap).as(app.service + " bootstrap servers").isNotNull();
      assertThat(advertised).contains("//" + bootstrap);
      assertThat(topicStep).contains("--bootstrap-server " + bootstrap);
    }
  }

  @ParameterizedTest
  @MethodSource("pipeline")
  void eachServiceSignsInToKafkaAsItsOwnPrincipal(App app) {
    var env = app.env();
    assertThat(env)
        .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
        .containsEntry("SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512");
    var password = "KAFKA_PASSWORD_" + app.service.toUpperCase(Locale.ROOT).replace('-', '_');
    assertThat(COMPOSE.rawEnvironment(app.service, "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG"))
        .startsWith("org.apache.kafka.common.security.scram.ScramLoginModule required")
        .contains("username=\"" + app.service + "\"", "password=\"${" + password + ":?");
    // the init step makes that user from the same variable, and the ACL file grants it
    assertThat(COMPOSE.rawEnvironment("kafka-topics", password)).startsWith("${" + password + ":?");
    assertThat(KafkaAcls.load(COMPOSE.root().resolve("ops/kafka/acls.txt")).principals())
        .contains(app.service);
  }

  @Test
  void kafkaDeniesWhatTheAclFileDoesNotAllowAndTheInitStepAppliesIt() {
    var kafka = COMPOSE.environment("kafka");
    assertThat(kafka)
        .containsEntry(
            "KAFKA_AUTHORIZER_CLASS_NAME",
            "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
        .containsEntry("KAFKA_SUPER_USERS", "User:admin")
        .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false");
    assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").split(","))
        .as("every listener authenticates")
        .allSatisfy(listener -> assertThat(listener.split(":")[1]).startsWith("SASL_"));
    assertThat(COMPOSE.publishedPorts("kafka")).containsOnlyKeys(9092);
    assertThat(ComposeFile.list(COMPOSE.service("kafka").get("ports")))
        .allSatisfy(p -> assertThat(String.valueOf(p)).startsWith("127.0.0.1:"));
    assertThat(COMPOSE.bindMounts("kafka-topics"))
        .containsEntry("/ops/kafka", COMPOSE.root().resolve("ops/kafka"));
    var command = String.valueOf(ComposeFile.list(COMPOSE.service("kafka-topics").get("command")));
    assertThat(command).contains("/ops/kafka/kafka-init.sh kafka:29092 /tmp/admin.properties");
    var principals = KafkaAcls.load(COMPOSE.root().resolve("ops/kafka/acls.txt")).principals();
    assertThat(principals)
        .containsExactlyInAnyOrder(pipeline().map(a -> a.service).toArray(String[]::new));
  }

  @Test
  void topicStepCreatesTheTopicCatalogue() {
    var command =
        String.join(
            "\n",
            ComposeFile.list(COMPOSE.service("kafka-topics").get("command")).stream()
                .map(String::valueOf)
                .toList());
    var created =
        Pattern.compile("(?m)^\\s*create (\\S+) (\\d+) (delete|compact)\\s*$")
            .matcher(command)
            .results()
            .map(m -> m.group(1) + " " + m.group(2) + " " + m.group(3))
            .collect(Collectors.toCollection(TreeSet::new));
    var catalogue =
        Topics.ALL.stream()
            .map(t -> t.name() + " " + t.partitions() + " " + t.cleanupPolicy().configValue())
            .collect(Collectors.toCollection(TreeSet::new));
    assertThat(created).isEqualTo(catalogue);
  }

  @Test
  void contactServiceUsesThePostgresOfCompose() {
    var env = App.CONTACTS.env();
    var postgres = COMPOSE.environment("postgres");
    assertThat(env.get("SPRING_DATASOURCE_URL"))
        .isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
    assertThat(env.get("SPRING_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
    assertThat(COMPOSE.rawEnvironment("contact-service", "SPRING_DATASOURCE_PASSWORD"))
        .isEqualTo(COMPOSE.rawEnvironment("postgres", "POSTGRES_PASSWORD"));
  }

  @Test
  void dispatcherSendsMailToTheMailCatcher() {
    var env = App.DISPATCHER.env();
    assertThat(String.valueOf(COMPOSE.service(env.get("SPRING_MAIL_HOST")).get("image")))
        .startsWith("axllent/mailpit:");
    assertThat(env.get("SPRING_MAIL_PORT")).isEqualTo("1025"); // mailpit's SMTP port
    assertThat(COMPOSE.publishedPorts("mailpit")).containsEntry(8025, 8025);
  }

  @ParameterizedTest
  @EnumSource(
      value = App.class,
      names = {"IDENTITY", "CONSOLE"})
  void webAppsArePublishedWhereTheyListen(App app) {
    var port = app.serverPort();
    var management = app.managementPort();
    assertThat(COMPOSE.publishedPorts(COMPOSE.networkOf(app.service)))
        .containsKey(port)
        .doesNotContainKey(management);
    assertThat(healthCheck(app.service))
        .contains("http://localhost:" + management + "/actuator/health");
    assertThat(
            app.binder()
                .bind("management.endpoints.web.exposure.include", String[].class)
                .orElse(new String[0]))
        .contains("health");
    // applications in one network share its ports
    var neighbours =
        Stream.of(App.values())
            .filter(
                other ->
                    other != app
                        && COMPOSE.networkOf(other.service).equals(COMPOSE.networkOf(app.service)));
    assertThat(neighbours.flatMap(other -> Stream.of(other.serverPort(), other.managementPort())))
        .as("ports beside " + app.service)
        .doesNotContain(port, management);
  }

  @Test
  void everyApiChecksTheIssuerAudienceAndKeysOfTheIdentityProvider() throws Exception {
    var identity = identitySettings();
    var keys = AuthorizationServerSettings.builder().build().getJwkSetEndpoint();
    var apis = resourceServers();
    assertThat(apis).contains(App.CONTACTS, App.DISPATCHER);
    for (var app : apis) {
      var jwt =
          app.binder()
              .bindOrCreate(
                  "spring.security.oauth2.resourceserver", OAuth2ResourceServerProperties.class)
              .getJwt();
      assertThat(jwt.getIssuerUri()).as(app.service + " issuer").isEqualTo(identity.issuer());
      assertThat(jwt.getAudiences())
          .as(app.service + " audiences")
          .containsExactly(identity.audience());
      // keys come over the compose network, so Boot never needs to reach the issuer itself
      var jwks = URI.create(jwt.getJwkSetUri());
      assertThat(jwks.getHost()).isEqualTo(App.IDENTITY.service);
      assertThat(jwks.getPort()).isEqualTo(App.IDENTITY.serverPort());
      assertThat(jwks.getPath()).isEqualTo(keys);
      // and one variable moves them all, e.g. to the company's IdP
      assertThat(
              COMPOSE.rawEnvironment(
                  app.service, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI"))
          .isEqualTo(COMPOSE.rawEnvironment("identity", "ALERTING_IDENTITY_ISSUER"));
      assertThat(
              COMPOSE.rawEnvironment(
                  app.service, "SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_AUDIENCES"))
          .isEqualTo(COMPOSE.rawEnvironment("identity", "ALERTING_IDENTITY_AUDIENCE"));
    }
  }

  @Test
  void theIssuerIsOneUrlForTheBrowserAndTheConsole() {
    var issuer = URI.create(identitySettings().issuer());
    var identityPort = App.IDENTITY.serverPort();
    // the browser reaches the provider on this machine, where compose publishes it
    assertThat(issuer.getHost()).isEqualTo("localhost");
    assertThat(COMPOSE.publishedPorts("identity")).containsEntry(identityPort, issuer.getPort());
    // the console reads discovery from the issuer: in the provider's network localhost is the
    // provider
    assertThat(COMPOSE.networkOf("console")).isEqualTo("identity");
    assertThat(issuer.getPort()).isEqualTo(identityPort);
    var console = consoleClient();
    var provider =
        console
            .getProvider()
            .get(console.getRegistration().get(ServiceApis.REGISTRATION).getProvider());
    assertThat(provider.getIssuerUri()).isEqualTo(issuer.toString());
    assertThat(
            COMPOSE.rawEnvironment(
                "console", "SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_ALERTING_ISSUER_URI"))
        .isEqualTo(COMPOSE.rawEnvironment("identity", "ALERTING_IDENTITY_ISSUER"));
  }

  @Test
  void consoleSignsInAsTheClientTheIdentityProviderKnows() {
    var known = identitySettings().console();
    var registration = consoleClient().getRegistration().get(ServiceApis.REGISTRATION);
    assertThat(registration.getClientId()).isEqualTo(known.clientId());
    assertThat(registration.getClientSecret()).isEqualTo(known.clientSecret());
    assertThat(
            COMPOSE.rawEnvironment(
                "console", "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ALERTING_CLIENT_ID"))
        .isEqualTo(COMPOSE.rawEnvironment("identity", "ALERTING_IDENTITY_CONSOLE_CLIENT_ID"));
    assertThat(
            COMPOSE.rawEnvironment(
                "console", "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_ALERTING_CLIENT_SECRET"))
        .isEqualTo(COMPOSE.rawEnvironment("identity", "ALERTING_IDENTITY_CONSOLE_CLIENT_SECRET"));
    // after signing in and out the provider sends the browser back to where the console is
    // published
    var port = App.CONSOLE.serverPort();
    var baseUrl =
        "http://localhost:" + COMPOSE.publishedPorts(COMPOSE.networkOf("console")).get(port);
    assertThat(known.redirectUris())
        .containsExactly(
            registration
                .getRedirectUri()
                .replace("{baseUrl}", baseUrl)
                .replace("{registrationId}", ServiceApis.REGISTRATION));
    assertThat(known.postLogoutRedirectUris()).containsExactly(baseUrl + "/");
  }

  @Test
  void consoleCallsTheServicesWhereTheyListen() {
    var settings =
        App.CONSOLE
            .binder()
            .bindOrCreate(ServiceSettings.prefixOf(ConsoleSettings.class), ConsoleSettings.class);
    for (var api :
        Map.of(App.CONTACTS, settings.contactServiceUrl(), App.DISPATCHER, settings.dispatcherUrl())
            .entrySet()) {
      var url = URI.create(api.getValue());
      assertThat(url.getHost())
          .as(api.getKey().service + " from the console")
          .isEqualTo(api.getKey().service);
      assertThat(url.getPort())
          .as(api.getKey().service + " from the console")
          .isEqualTo(api.getKey().serverPort());
    }
  }

  @Test
  void ackLinksAndTwilioWebhooksAreSignedWithWhatTheAckReceiverChecks() {
    var dispatcher = App.DISPATCHER.env();
    var ack = App.ACK.env();
    assertThat(
            COMPOSE.rawEnvironment(
                "alert-dispatcher", "ALERTING_DISPATCHER_LINKS_ACK_RECEIVER_BASE_URL"))
        .isEqualTo(COMPOSE.rawEnvironment("ack-receiver", "ALERTING_ACK_PUBLIC_BASE_URL"));
    var publicUrl = URI.create(ack.get("ALERTING_ACK_PUBLIC_BASE_URL"));
    if (publicUrl.getHost().equals("localhost")) {
      assertThat(COMPOSE.publishedPorts("ack-receiver"))
          .containsEntry(App.ACK.serverPort(), publicUrl.getPort());
    }
    var keyVariable =
        "ALERTING_ACK_LINKS_KEYS_"
            + dispatcher.get("ALERTING_DISPATCHER_LINKS_KEY_ID").toUpperCase(Locale.ROOT);
    assertThat(COMPOSE.rawEnvironment("ack-receiver", keyVariable))
        .isEqualTo(COMPOSE.rawEnvironment("alert-dispatcher", "ALERTING_DISPATCHER_LINKS_KEY"));
    assertThat(COMPOSE.rawEnvironment("ack-receiver", "ALERTING_ACK_TWILIO_AUTH_TOKEN"))
        .isEqualTo(
            COMPOSE.rawEnvironment("alert-dispatcher", "ALERTING_DISPATCHER_TWILIO_AUTH_TOKEN"));
    // contact-service opens the signing links the dispatcher seals, under the same key id
    var signingKeyVariable =
        "ALERTING_CONTACTS_SUPPORT_ACCESS_SIGNING_LINK_KEYS_"
            + dispatcher.get("ALERTING_DISPATCHER_LINKS_SIGNING_KEY_ID").toUpperCase(Locale.ROOT);
    assertThat(COMPOSE.rawEnvironment("contact-service", signingKeyVariable))
        .isEqualTo(
            COMPOSE.rawEnvironment("alert-dispatcher", "ALERTING_DISPATCHER_LINKS_SIGNING_KEY"));
  }

  /** Secrets: anyone can read a default in this repository. */
  static final List<String> SECRETS =
      List.of(
          "ACK_LINK_KEY",
          "SIGNING_LINK_KEY",
          "TWILIO_AUTH_TOKEN",
          "POSTGRES_PASSWORD",
          "GRAFANA_ADMIN_PASSWORD",
          "CONSOLE_CLIENT_SECRET");

  /** Not secrets, but a silent fallback would run the demo tenant or trust the demo provider. */
  static final List<String> NO_DEMO_FALLBACK =
      List.of("CONTACTS_MIGRATIONS", "IDENTITY_JWK_SET_URI");

  @Test
  void secretsAndDemoSettingsHaveNoFallbackInCompose() {
    var required = Stream.concat(SECRETS.stream(), NO_DEMO_FALLBACK.stream()).toList();
    assertThat(COMPOSE.requiredVariables()).containsKeys(required.toArray(String[]::new));
    for (var variable : required) {
      assertThat(COMPOSE.variableTexts())
          .filteredOn(
              text ->
                  text.startsWith("${" + variable + ":")
                      || text.startsWith("${" + variable + "}")
                      || text.startsWith("${" + variable + "-"))
          .as("every use of " + variable)
          .isNotEmpty()
          .allSatisfy(text -> assertThat(text).startsWith("${" + variable + ":?"));
    }
    assertThat(COMPOSE.requiredVariables().values())
        .allSatisfy(message -> assertThat(message).contains(".env.example"));
  }

  @Test
  void envExampleListsWhatComposeRequiresAndNoSecret() {
    assertThat(COMPOSE.envExample())
        .containsKeys(COMPOSE.requiredVariables().keySet().toArray(String[]::new));
    for (var secret : SECRETS) {
      assertThat(COMPOSE.envExample().get(secret)).as(secret + " in .env.example").isEmpty();
    }
    var gitignore = COMPOSE.root().resolve(".gitignore");
    assertThat(gitignore).content().containsPattern("(?m)^\\.env$");
  }

  @Test
  void grafanaShowsTheDashboardFromThePrometheusOfCompose() throws Exception {
    var mounts = COMPOSE.bindMounts("grafana");
    var provisioning = mounts.get("/etc/grafana/provisioning");
    assertThat(provisioning).isEqualTo(COMPOSE.root().resolve("ops/grafana/provisioning"));
    var datasource =
        ComposeFile.map(
            ComposeFile.list(
                    ComposeFile.yaml(provisioning.resolve("datasources/prometheus.yml"))
                        .get("datasources"))
                .get(0));
    var url = URI.create(String.valueOf(datasource.get("url")));
    assertThat(COMPOSE.services()).containsKey(url.getHost());
    assertThat(url.getPort()).isEqualTo(9090); // Prometheus' default --web.listen-address
    assertThat(String.valueOf(COMPOSE.service(url.getHost()).get("command")))
        .doesNotContain("web.listen-address");

    var provider =
        ComposeFile.map(
            ComposeFile.list(
                    ComposeFile.yaml(provisioning.resolve("dashboards/alerting.yml"))
                        .get("providers"))
                .get(0));
    var dashboards =
        mounts.get(String.valueOf(ComposeFile.map(provider.get("options")).get("path")));
    assertThat(dashboards).isEqualTo(COMPOSE.root().resolve("ops/grafana/dashboards"));
    var home =
        Path.of(COMPOSE.environment("grafana").get("GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"));
    var dashboardsInContainer =
        Path.of(String.valueOf(ComposeFile.map(provider.get("options")).get("path")));
    assertThat(home.startsWith(dashboardsInContainer))
        .as(home + " is under " + dashboardsInContainer)
        .isTrue();
    assertThat(dashboards.resolve(dashboardsInContainer.relativize(home))).exists();

    var uids = new TreeSet<String>();
    var exprs = new ArrayList<String>();
    for (JsonNode panel :
        JSON.readTree(dashboards.resolve("alerting.json").toFile()).path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        uids.add(target.path("datasource").path("uid").asString());
        exprs.add(target.path("expr").asString());
      }
    }
    assertThat(uids).containsExactly(String.valueOf(datasource.get("uid")));
    assertThat(exprs)
        .isNotEmpty()
        .allSatisfy(expr -> assertThat(expr).matches("(?s).*\\balerting_\\w+.*|.*\\bkafka_\\w+.*"));
  }

  private static IdentitySettings identitySettings() {
    return App.IDENTITY
        .binder()
        .bindOrCreate(ServiceSettings.prefixOf(IdentitySettings.class), IdentitySettings.class);
  }

  private static OAuth2ClientProperties consoleClient() {
    return App.CONSOLE
        .binder()
        .bindOrCreate("spring.security.oauth2.client", OAuth2ClientProperties.class);
  }

  /**
   * Applications that take tokens: the resource-server starter, its auto-configuration not
   * excluded.
   */
  private static List<App> resourceServers() throws Exception {
    var apis = new ArrayList<App>();
    for (var app : App.values()) {
      var pom = Files.readString(COMPOSE.root().resolve(app.service).resolve("pom.xml"));
      var configFile =
          new String(
              ComposeFileTest.class.getResourceAsStream("/" + app.service + ".yml").readAllBytes());
      if (pom.contains(
              "<artifactId>spring-boot-starter-security-oauth2-resource-server</artifactId>")
          && !configFile.contains("OAuth2ResourceServerAutoConfiguration")) {
        apis.add(app);
      }
    }
    return apis;
  }

  private static String healthCheck(String service) {
    return String.valueOf(ComposeFile.map(COMPOSE.service(service).get("healthcheck")).get("test"));
  }

  /** Prometheus' scrape targets by job, each job on /actuator/prometheus. */
  private static Map<String, Set<String>> prometheusTargets() {
    var config = ComposeFile.yaml(COMPOSE.root().resolve("ops/prometheus/prometheus.yml"));
    return ComposeFile.list(config.get("scrape_configs")).stream()
        .map(ComposeFile::map)
        .peek(
            job ->
                assertThat(job.get("metrics_path"))
                    .as("metrics path of " + job.get("job_name"))
                    .isEqualTo("/actuator/prometheus"))
        .collect(
            Collectors.toMap(
                job -> String.valueOf(job.get("job_name")),
                job ->
                    ComposeFile.list(job.get("static_configs")).stream()
                        .map(ComposeFile::map)
                        .flatMap(c -> ComposeFile.list(c.get("targets")).stream())
                        .map(String::valueOf)
                        .collect(Collectors.toSet())));
  }

  private static String projectVersion() throws Exception {
    var pom = Files.readString(COMPOSE.root().resolve("pom.xml"));
    var afterParent = pom.substring(pom.indexOf("</parent>"));
    var m = Pattern.compile("<version>([^<]+)</version>").matcher(afterParent);
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
