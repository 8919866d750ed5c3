package alerting.local;

import alerting.ack.AckReceiverApplication;
import alerting.console.ConsoleApplication;
import alerting.contacts.ContactServiceApplication;
import alerting.dispatcher.DispatcherApplication;
import alerting.escalation.EscalationWorkerApplication;
import alerting.identity.IdentityApplication;
import alerting.identity.IdentityTokens;
import alerting.localinfra.FreePorts;
import alerting.localinfra.LocalKafkaBroker;
import alerting.localinfra.MailCatcher;
import alerting.localinfra.TwilioStandIn;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the four services against given infrastructure, each in its own Spring context with its
 * own port and settings, wired to each other the way they would be in production.
 */
public final class LocalStack implements AutoCloseable {
  /**
   * The Twilio stand-in's made-up account: the SDK signs in with it, webhooks are signed with it.
   */
  public static final String TWILIO_ACCOUNT_SID = "AC00000000000000000000000000000000";

  public static final String TWILIO_AUTH_TOKEN = "local-twilio-auth-token";

  /** The key ack links are signed with here; the services refuse it anywhere else. */
  public static final String CONSOLE_CLIENT_SECRET = "local-console-secret";

  public static final String ACK_LINK_KEY = "local-dev-ack-link-key-change-me";

  /** Seals (dispatcher) and opens (contact-service) support-access signing links. */
  public static final String SIGNING_LINK_KEY = "local-dev-signing-link-key-change-me";

  /**
   * With this setting contact-service seeds Acme Corp (admin Grace, user Ada) from the local
   * stack's own migration folder, next to its schema: demo data that service code never carries.
   */
  public static final String DEMO_TENANT = "spring.flyway.locations";

  public static final String DEMO_TENANT_MIGRATIONS =
      "classpath:db/contact-service,classpath:db/local-demo";

  private final List<AutoCloseable> resources = new ArrayList<>();
  private final Map<String, ConfigurableApplicationContext> services = new HashMap<>();
  private final Ports ports;
  private final Map<String, Map<String, String>> perService;
  private MailCatcher mail;
  private TwilioStandIn twilio;

  /** Where every part listens. */
  public record Ports(
      int console,
      int contactService,
      int dispatcher,
      int worker,
      int ackReceiver,
      int smtp,
      int inbox,
      int twilio,
      int identity,
      Management management) {

    /**
     * Each service's actuator (health, metrics): a port of its own, never the public one; 0 picks a
     * free one.
     */
    public record Management(
        int console,
        int contactService,
        int dispatcher,
        int worker,
        int ackReceiver,
        int identity) {
      public static Management anyFree() {
        return new Management(0, 0, 0, 0, 0, 0);
      }
    }

    /**
     * Actuator on free ports chosen as the services start: see {@link LocalStack#managementPort}.
     */
    public Ports(
        int console,
        int contactService,
        int dispatcher,
        int worker,
        int ackReceiver,
        int smtp,
        int inbox,
        int twilio,
        int identity) {
      this(
          console,
          contactService,
          dispatcher,
          worker,
          ackReceiver,
          smtp,
          inbox,
          twilio,
          identity,
          Management.anyFree());
    }

    /**
     * A free port for every service and stand-in, the inbox page off: for a stack started beside
     * other things (tests, benchmarks), whose services must know each other's ports before they
     * start.
     */
    public static Ports free() {
      return new Ports(
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next(),
          FreePorts.next(),
          0,
          FreePorts.next(),
          FreePorts.next());
    }

    /** The ports of the README's table, as each service's own config file sets them. */
    public static Ports defaults() {
      return new Ports(
          8080,
          8081,
          8082,
          8083,
          8084,
          2525,
          8025,
          8089,
          8090,
          new Management(9080, 9081, 9082, 9083, 9084, 9091));
    }

    public String ackReceiverUrl() {
      return "http://localhost:" + ackReceiver;
    }

    public String issuer() {
      return "http://localhost:" + identity;
    }

    public String consoleUrl() {
      return "http://localhost:" + console;
    }
  }

  private LocalStack(Ports ports, Map<String, Map<String, String>> perService) {
    this.ports = ports;
    this.perService = perService;
  }

  /**
   * Starts everything but Kafka, which the caller provides (an on-disk broker for the local
   * default, the shared test broker in tests). {@code overrides} apply to every service.
   */
  public static LocalStack start(
      String bootstrapServers, Path dataDir, Ports ports, Map<String, String> overrides) {
    return start(bootstrapServers, dataDir, ports, overrides, Map.of());
  }

  /**
   * As {@link #start(String, Path, Ports, Map)}, with settings for one service only on top, by
   * service name: e.g. each service's own Kafka credentials ({@code spring.kafka.*}).
   */
  public static LocalStack start(
      String bootstrapServers,
      Path dataDir,
      Ports ports,
      Map<String, String> overrides,
      Map<String, Map<String, String>> perService) {
    var stack = new LocalStack(ports, perService);
    try {
      stack.startAll(bootstrapServers, dataDir, overrides);
      return stack;
    } catch (RuntimeException e) {
      stack.close();
      throw e;
    }
  }

  private void startAll(String bootstrapServers, Path dataDir, Map<String, String> overrides) {
    mail = MailCatcher.start(ports.smtp());
    resources.add(mail);
    if (ports.inbox() > 0) {
      mail.startInboxPage(ports.inbox());
    }
    twilio =
        TwilioStandIn.start(
            ports.twilio(),
            TWILIO_ACCOUNT_SID,
            TWILIO_AUTH_TOKEN,
            ports.ackReceiverUrl() + "/twilio/sms");
    resources.add(twilio);

    var common = new HashMap<String, Object>();
    // the only place the secrets shipped in this repository are accepted (see ShippedSecrets)
    common.put("alerting.local-defaults", "true");
    // the console's client secret has no default anywhere else: identity and console share this one
    common.put("CONSOLE_CLIENT_SECRET", CONSOLE_CLIENT_SECRET);
    // every service checks the issuer and the audience of every token, as in production
    common.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", ports.issuer());
    common.put(
        "spring.security.oauth2.resourceserver.jwt.jwk-set-uri", ports.issuer() + "/oauth2/jwks");
    common.put("spring.security.oauth2.resourceserver.jwt.audiences", "alerting");
    common.put("spring.kafka.bootstrap-servers", bootstrapServers);
    // templates live in each web app's own folder; the others must not look for theirs
    common.put("spring.thymeleaf.check-template-location", "false");
    common.put("spring.main.banner-mode", "off");
    // every context would announce itself as "LocalStack"; the banner at the end says it all
    common.put("spring.main.log-startup-info", "false");
    // four registries in one JVM must not all feed Micrometer's global one
    common.put("management.metrics.use-global-registry", "false");
    common.put("spring.jmx.enabled", "false");
    // the first context would otherwise stamp its name on every service's log lines
    common.put("logging.include-application-name", "false");

    run(
        "identity",
        IdentityApplication.builder(),
        common,
        overrides,
        Map.of(
            "server.port", ports.identity(),
            "management.server.port", ports.management().identity(),
            "alerting.identity.issuer", ports.issuer(),
            // kept, so tokens handed out for curl still work after Ctrl+C and a new start
            "alerting.identity.key-file",
                dataDir.resolve("identity/signing-key.json").toAbsolutePath(),
            "alerting.identity.console.redirect-uris",
                ports.consoleUrl() + "/login/oauth2/code/alerting",
            "alerting.identity.console.post-logout-redirect-uris", ports.consoleUrl() + "/"));
    run(
        "contact-service",
        ContactServiceApplication.builder(),
        common,
        overrides,
        Map.of(
            "server.port",
            ports.contactService(),
            "management.server.port",
            ports.management().contactService(),
            "spring.datasource.url",
            "jdbc:h2:file:" + dataDir.resolve("contact-service/db").toAbsolutePath(),
            "alerting.contacts.support-access.signing-link-keys.s1",
            SIGNING_LINK_KEY));
    run(
        "ack-receiver",
        AckReceiverApplication.builder(),
        common,
        overrides,
        Map.of(
            "server.port", ports.ackReceiver(),
            "management.server.port", ports.management().ackReceiver(),
            "alerting.ack.public-base-url", ports.ackReceiverUrl(),
            "alerting.ack.twilio.auth-token", TWILIO_AUTH_TOKEN,
            "alerting.ack.links.keys.k1", ACK_LINK_KEY));
    run(
        "escalation-worker",
        EscalationWorkerApplication.builder(),
        common,
        overrides,
        Map.of(
            "server.port", ports.worker(),
            "management.server.port", ports.management().worker(),
            "alerting.worker.streams.state-dir",
                dataDir.resolve("escalation-worker").toAbsolutePath().toString(),
            "alerting.worker.streams.instance-id", "local-worker-1"));
    run(
        "alert-dispatcher",
        DispatcherApplication.builder(),
        common,
        overrides,
        Map.ofEntries(
            Map.entry("server.port", ports.dispatcher()),
            Map.entry("management.server.port", ports.management().dispatcher()),
            Map.entry("spring.mail.host", "localhost"),
            Map.entry("spring.mail.port", mail.smtpPort()),
            Map.entry("alerting.dispatcher.links.ack-receiver-base-url", ports.ackReceiverUrl()),
            Map.entry("alerting.dispatcher.twilio.api-base-url", twilio.baseUrl()),
            Map.entry("alerting.dispatcher.twilio.account-sid", TWILIO_ACCOUNT_SID),
            Map.entry("alerting.dispatcher.twilio.auth-token", TWILIO_AUTH_TOKEN),
            Map.entry("alerting.dispatcher.links.key-id", "k1"),
            Map.entry("alerting.dispatcher.links.key", ACK_LINK_KEY),
            // signing links open contact-service's signing page, with the key it opens them with
            Map.entry(
                "alerting.dispatcher.links.signing-base-url",
                "http://localhost:" + ports.contactService()),
            Map.entry("alerting.dispatcher.links.signing-key-id", "s1"),
            Map.entry("alerting.dispatcher.links.signing-key", SIGNING_LINK_KEY)));
    run(
        "console",
        ConsoleApplication.builder(),
        common,
        overrides,
        Map.of(
            "server.port", ports.console(),
            "management.server.port", ports.management().console(),
            "spring.security.oauth2.client.provider.alerting.issuer-uri", ports.issuer(),
            "alerting.console.contact-service-url", "http://localhost:" + ports.contactService(),
            "alerting.console.dispatcher-url", "http://localhost:" + ports.dispatcher()));
  }

  private void run(
      String name,
      SpringApplicationBuilder builder,
      Map<String, Object> common,
      Map<String, String> overrides,
      Map<String, Object> own) {
    var properties = new HashMap<String, Object>(common);
    properties.putAll(own);
    properties.putAll(overrides);
    properties.putAll(perService.getOrDefault(name, Map.of()));
    var foreign = FOREIGN_AUTO_CONFIGURATIONS.get(name);
    if (!foreign.isEmpty()) {
      properties.put("spring.autoconfigure.exclude", String.join(",", foreign));
    }
    // as command-line arguments, so they win over each service's own config file
    var args =
        properties.entrySet().stream()
            .map(e -> "--" + e.getKey() + "=" + e.getValue())
            .toArray(String[]::new);
    var context = builder.run(args);
    services.put(name, context);
    resources.add(context);
  }

  /*
   * One class path holds all six services here, and Boot configures whatever it finds on it: the
   * others would pick up contact-service's database and outbox (Spring Modulith), and the services
   * without Spring Security would get Boot's default login. Each service's own config file stays as
   * it is in production, where its jar holds only its own libraries; what a service must not take
   * from its neighbours on this shared class path is said here, once, per service.
   */
  private static final List<String> SECURITY_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
          "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
          "org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration");

  private static final List<String> DATABASE_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceInitializationAutoConfiguration",
          "org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration",
          "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration");

  private static final List<String> OUTBOX_AUTO_CONFIGURATIONS =
      List.of(
          "org.springframework.modulith.events.config.EventPublicationAutoConfiguration",
          "org.springframework.modulith.events.config.EventExternalizationAutoConfiguration",
          "org.springframework.modulith.events.jdbc.JdbcEventPublicationAutoConfiguration",
          "org.springframework.modulith.events.jackson.JacksonEventSerializationConfiguration",
          "org.springframework.modulith.events.jackson2.Jackson2EventSerializationConfiguration",
          "org.springframework.modulith.moments.autoconfigure.MomentsAutoConfiguration",
          "org.springframework.modulith.moments.autoconfigure.MomentsJacksonAutoConfiguration");

  /** Per service: the auto-configurations it would wrongly find on the shared class path. */
  private static final Map<String, List<String>> FOREIGN_AUTO_CONFIGURATIONS =
      Map.of(
          "contact-service", List.of(),
          "identity", concat(DATABASE_AUTO_CONFIGURATIONS, OUTBOX_AUTO_CONFIGURATIONS),
          "console", concat(DATABASE_AUTO_CONFIGURATIONS, OUTBOX_AUTO_CONFIGURATIONS),
          "alert-dispatcher", concat(DATABASE_AUTO_CONFIGURATIONS, OUTBOX_AUTO_CONFIGURATIONS),
          // ack-receiver and the worker have no sign-in at all: every ack request proves itself
          // with
          // a Twilio signature or a signed link token, and the worker serves no API
          "ack-receiver",
              concat(
                  DATABASE_AUTO_CONFIGURATIONS,
                  OUTBOX_AUTO_CONFIGURATIONS,
                  SECURITY_AUTO_CONFIGURATIONS),
          "escalation-worker",
              concat(
                  DATABASE_AUTO_CONFIGURATIONS,
                  OUTBOX_AUTO_CONFIGURATIONS,
                  SECURITY_AUTO_CONFIGURATIONS));

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    return Arrays.stream(lists).flatMap(List::stream).toList();
  }

  public ConfigurableApplicationContext service(String name) {
    return services.get(name);
  }

  /** Where a service's actuator answers (health, Prometheus metrics), as bound when it started. */
  public int managementPort(String service) {
    return Integer.parseInt(
        services.get(service).getEnvironment().getRequiredProperty("local.management.port"));
  }

  public MailCatcher mail() {
    return mail;
  }

  /** Tokens signed by the local identity provider, for people the caller makes up. */
  public IdentityTokens identity() {
    return services.get("identity").getBean(IdentityTokens.class);
  }

  public TwilioStandIn twilio() {
    return twilio;
  }

  public Ports ports() {
    return ports;
  }

  @Override
  public void close() {
    for (var i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        // keep closing the rest: one stuck part must not keep the others running
      }
    }
  }

  /** The local default: everything on this machine, data kept under {@code ./data}. */
  public static void main(String[] args) {
    var dataDir = Path.of(System.getProperty("alerting.data-dir", "data"));
    var ports = Ports.defaults();
    var kafka = LocalKafkaBroker.start(dataDir.resolve("kafka"), LocalKafkaBroker.DEFAULT_PORT);
    // short deadlines, so a person trying it out sees an escalation within a minute
    var stack =
        start(
            kafka.bootstrapServers(),
            dataDir,
            ports,
            Map.of(
                "alerting.dispatcher.escalation.critical-ack-timeout",
                "60s",
                "alerting.dispatcher.escalation.high-ack-timeout",
                "90s",
                "alerting.dispatcher.escalation.other-ack-timeout",
                "120s",
                // snapshots travel within this machine: a tenant still unknown after 10 s will not
                // come
                "alerting.dispatcher.fan-out.unknown-tenant-wait",
                "10s",
                DEMO_TENANT,
                DEMO_TENANT_MIGRATIONS));
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stack.close();
                  kafka.close();
                },
                "local-stack-shutdown"));
    System.out.println(banner(ports, kafka.bootstrapServers(), dataDir));
  }

  private static String banner(Ports p, String kafka, Path dataDir) {
    return """

        ==============================================================================
         Security alert pipeline is running (Ctrl+C to stop; data kept in %s)

           console            http://localhost:%d   <- start here: sign in as grace (tenant
                                                       admin), ada, rita (responder), sam or pat;
                                                       password: demo
           mail inbox         http://localhost:%d   (SMTP on port %d)
           phone (Twilio)     http://localhost:%d   (SMS and calls; reply from here)

           APIs (Swagger UI at /swagger-ui.html, OpenAPI at /v3/api-docs):
             contact-service    http://localhost:%d/swagger-ui.html
             alert-dispatcher   http://localhost:%d/swagger-ui.html
             ack-receiver       http://localhost:%d/swagger-ui.html  (ack links, Twilio webhooks)
           health and metrics (/actuator/health, /actuator/prometheus), never on the public ports:
             contact-service :%d  alert-dispatcher :%d  escalation-worker :%d  ack-receiver :%d
           identity provider  http://localhost:%d   (OpenID Connect; a token for curl:
             curl -s localhost:%d/oauth2/token -u grace:demo -d grant_type=client_credentials)
           Kafka              %s
        ==============================================================================
        """
        .formatted(
            dataDir.toAbsolutePath(),
            p.console(),
            p.inbox(),
            p.smtp(),
            p.twilio(),
            p.contactService(),
            p.dispatcher(),
            p.ackReceiver(),
            p.management().contactService(),
            p.management().dispatcher(),
            p.management().worker(),
            p.management().ackReceiver(),
            p.identity(),
            p.identity(),
            kafka);
  }
}
