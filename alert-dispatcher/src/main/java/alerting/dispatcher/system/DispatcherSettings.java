package alerting.dispatcher.system;

import alerting.events.Channel;
import alerting.events.EscalationPlan;
import alerting.events.ReplyCodes;
import alerting.events.Severity;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Everything the dispatcher can be configured with ({@code alerting.dispatcher.*}). */
@ConfigurationProperties("alerting.dispatcher")
public record DispatcherSettings(
    @DefaultValue Escalation escalation,
    @DefaultValue Verification verification,
    @DefaultValue Recipients recipients,
    @DefaultValue Links links,
    @DefaultValue Email email,
    @DefaultValue Twilio twilio,
    @DefaultValue Topics topics,
    @DefaultValue FanOut fanOut,
    @DefaultValue Senders senders,
    @DefaultValue Security security,
    @DefaultValue Kafka kafka,
    @DefaultValue("65536") int maxRequestBytes) {

  /**
   * A sender's poll is one Kafka transaction, which the broker aborts once it has been open longer
   * than the producer's transaction timeout. The poll deadline only stops new provider calls; those
   * already under way (a Twilio call may take 40 s: 10 s for a connection, 30 s for the answer) and
   * the commit still need the rest, so the deadline may take at most a quarter of the timeout.
   */
  public DispatcherSettings {
    if (senders.pollDeadline().multipliedBy(4).compareTo(kafka.transactionTimeout()) > 0) {
      throw new IllegalArgumentException(
          "alerting.dispatcher.senders.poll-deadline ("
              + senders.pollDeadline()
              + ") must be at most a quarter of alerting.dispatcher.kafka.transaction-timeout ("
              + kafka.transactionTimeout()
              + ")");
    }
  }

  /**
   * How long each attempt waits for an ack once its provider accepted it, by severity; how long it
   * may wait in its channel's queue before the next method is tried instead; and how many rounds
   * are tried.
   */
  public record Escalation(
      @DefaultValue("5m") Duration criticalAckTimeout,
      @DefaultValue("10m") Duration highAckTimeout,
      @DefaultValue("15m") Duration otherAckTimeout,
      @DefaultValue("2") int rounds,
      @DefaultValue("15m") Duration queueLimit) {

    public EscalationPlan planFor(Severity severity) {
      var timeout =
          switch (severity) {
            case CRITICAL -> criticalAckTimeout;
            case HIGH -> highAckTimeout;
            case MEDIUM, LOW -> otherAckTimeout;
          };
      return new EscalationPlan(timeout, rounds, queueLimit);
    }
  }

  /**
   * A verification drill's alerts: one attempt each (every method is tried once, none escalates to
   * another), acknowledged within {@code ackTimeout} of the hand-over or counted as unanswered.
   * They go on the lowest lane, behind any incident, so they may wait in the queue up to {@code
   * queueLimit} before they count as not delivered.
   */
  public record Verification(
      @DefaultValue("24h") Duration ackTimeout, @DefaultValue("24h") Duration queueLimit) {

    public EscalationPlan plan() {
      return new EscalationPlan(ackTimeout, 1, queueLimit);
    }
  }

  /**
   * How an incident's alert orders a contact's methods. By default as the tenant listed them;
   * {@code startWithVerified} starts with the channel the contact most recently confirmed in a
   * verification drill, the others following in the tenant's order, so the first attempt goes where
   * the contact is known to answer.
   */
  public record Recipients(@DefaultValue("false") boolean startWithVerified) {}

  /**
   * Ack links point at the ack-receiver's public address; their tokens are sealed (AES-GCM, see
   * {@code AckLinks}) with a key derived from this secret, which the ack-receiver knows by the same
   * key id. Signing links (in a confirmation to disable Customer Support Access) point at
   * contact-service's public address, sealed ({@code SigningLinks}) with a secret of their own that
   * contact-service knows by {@code signingKeyId}, so neither service can make the other's links.
   * Neither key has a default: see {@link ShippedSecrets}.
   */
  public record Links(
      @DefaultValue("http://localhost:8084") URI ackReceiverBaseUrl,
      @DefaultValue("k1") String keyId,
      String key,
      @DefaultValue("7d") Duration validity,
      @DefaultValue("http://localhost:8081") URI signingBaseUrl,
      @DefaultValue("s1") String signingKeyId,
      String signingKey) {}

  /**
   * The no-reply sender; SMTP host, port, TLS and credentials are {@code spring.mail.*}. Emails
   * leave over at most {@code smtpConnections} open SMTP connections, reused from one email to the
   * next; a connection idle for {@code smtpIdleTimeout} is closed. A send waits at most {@code
   * smtpPoolWait} for a connection and is then retried later (retry topic): its poll's Kafka
   * transaction is open meanwhile, and a few 30 s waits in one poll once outlived the transaction
   * timeout (docs/reliability.md, finding 2).
   */
  public record Email(
      @DefaultValue("no-reply@alerts.localhost") String from,
      @DefaultValue("8") int smtpConnections,
      @DefaultValue("30s") Duration smtpIdleTimeout,
      @DefaultValue("5s") Duration smtpPoolWait) {}

  /**
   * Twilio account and sender identity. Texts come from {@code messagingServiceSid} when set
   * (Twilio then picks the sender); else from the {@code countrySenders} entry of the destination's
   * country (ISO code, e.g. {@code GB}, to a number or short code); else from one of {@code
   * fromNumbers}, always the same one for the same destination; else from {@code fromNumber}. Calls
   * always come from {@code callerId}, so people can learn the one number that rings them about
   * security alerts. {@code apiBaseUrl} points the SDK somewhere other than Twilio's own API (the
   * local stand-in). The auth token has no default: see {@link ShippedSecrets}.
   */
  public record Twilio(
      @DefaultValue("AC00000000000000000000000000000000") String accountSid,
      String authToken,
      @DefaultValue("+15005550006") String fromNumber,
      List<String> fromNumbers,
      Map<String, String> countrySenders,
      String messagingServiceSid,
      @DefaultValue("+15005550006") String callerId,
      URI apiBaseUrl) {

    public Twilio {
      fromNumbers = fromNumbers == null ? List.of() : List.copyOf(fromNumbers);
      countrySenders = countrySenders == null ? Map.of() : Map.copyOf(countrySenders);
    }
  }

  public record Topics(@DefaultValue("1") short replicationFactor) {}

  /**
   * Incidents are opened in slices of this many tenants, each slice its own transaction. Every
   * transaction writes to some 35 partitions and ends with a commit marker in each, so the broker's
   * work per alert falls with the slice size. In the mass-incident benchmark (docs/benchmarks.md)
   * 500 tenants (≈ 1,500 alerts, 5,000 records per transaction) ran at up to 6,854 alerts/s against
   * 4,737 with 100, and an incident of 20,000 tenants still streams out in 40 transactions.
   *
   * <p>A tenant an incident names but the dispatcher has no contact snapshot of yet (just created,
   * its snapshot still on the way) is looked for again every {@code unknownTenantRecheck} for up to
   * {@code unknownTenantWait}, on a queue of its own, while the incident's other tenants are
   * alerted at once; after that the incident is dead-lettered for that tenant.
   */
  public record FanOut(
      @DefaultValue("500") int tenantsPerBatch,
      @DefaultValue("2") int concurrency,
      @DefaultValue("30s") Duration unknownTenantWait,
      @DefaultValue("1s") Duration unknownTenantRecheck) {}

  /**
   * Channel senders: sends per second per channel (0 = unlimited); provider calls in flight per
   * channel, {@code parallelCalls} at first, then sized from rate × latency up to {@code
   * maxParallelCalls}; a send throttled by the provider (429) tried again in place up to {@code
   * throttledTries} times, pausing at most {@code maxThrottlePause} each time; messages to one
   * phone number or address per {@code perDestinationWindow} ({@code *PerDestination}, 0 = no
   * limit; at most {@code destinationsTracked} destinations remembered); and how transient provider
   * errors are retried on the retry topics; and how long a priority lane stays busy after its last
   * batch (lower lanes wait that long; see SenderLanes). A poll starts no provider call later than
   * {@code pollDeadline} after it began: the rest of its deliveries go to the retry topic, due at
   * once, so the poll's transaction commits well within the transaction timeout (see {@link
   * Kafka}).
   */
  public record Senders(
      @DefaultValue("100") int emailPerSecond,
      @DefaultValue("30") int smsPerSecond,
      @DefaultValue("5") int voicePerSecond,
      @DefaultValue("8") int parallelCalls,
      @DefaultValue("64") int maxParallelCalls,
      @DefaultValue("3") int throttledTries,
      @DefaultValue("10s") Duration maxThrottlePause,
      @DefaultValue("30") int emailPerDestination,
      @DefaultValue("6") int smsPerDestination,
      @DefaultValue("6") int voicePerDestination,
      @DefaultValue("1m") Duration perDestinationWindow,
      @DefaultValue("100000") int destinationsTracked,
      @DefaultValue("2") int concurrency,
      @DefaultValue("5") int maxRetries,
      @DefaultValue("2s") Duration firstRetryDelay,
      @DefaultValue("2m") Duration maxRetryDelay,
      @DefaultValue("300ms") Duration laneQuietPeriod,
      @DefaultValue("15s") Duration pollDeadline) {

    public int perSecond(Channel channel) {
      return switch (channel) {
        case EMAIL -> emailPerSecond;
        case SMS -> smsPerSecond;
        case VOICE -> voicePerSecond;
      };
    }

    /** Messages one destination may get per {@link #perDestinationWindow()}; 0 = no limit. */
    public int perDestination(Channel channel) {
      return switch (channel) {
        case EMAIL -> emailPerDestination;
        case SMS -> smsPerDestination;
        case VOICE -> voicePerDestination;
      };
    }

    /** Exponential back-off: first, 2×first, 4×first … capped. */
    public Duration retryDelay(int retry) {
      var delay = firstRetryDelay.multipliedBy(1L << Math.min(Math.max(retry - 1, 0), 20));
      return delay.compareTo(maxRetryDelay) > 0 ? maxRetryDelay : delay;
    }
  }

  /**
   * Responders authenticate with JWTs ({@code spring.security.oauth2.resourceserver.jwt.*}). Only
   * where no identity provider is configured may {@code anonymousResponders} open the API to
   * anyone, e.g. on a laptop; it is refused otherwise at start-up.
   */
  public record Security(@DefaultValue("false") boolean anonymousResponders) {}

  /**
   * The dispatcher's Kafka clients, on top of {@code spring.kafka.*}. Every listener's consumers
   * have a {@code sessionTimeout} session (heartbeats every {@code heartbeatInterval}), so a killed
   * instance's partitions go to a live one about that long after it died rather than after Kafka's
   * default 45 s. With an {@code instanceId} (unique per instance and kept across its restarts)
   * each consumer is a static member ({@code group.instance.id} {@code <instanceId>-<listener
   * id>-<n>}, n the consumer's number in its listener): a restarted instance gets its partitions
   * back without a rebalance. It also joins the transactional-id prefix ({@code
   * <transaction-id-prefix><instanceId>-}), so instances never fence each other's producers; blank
   * keeps dynamic membership and the configured prefix as it is. Every producer's transactions time
   * out after {@code transactionTimeout} (see the poll deadline in {@link Senders}).
   */
  public record Kafka(
      String instanceId,
      @DefaultValue("6s") Duration sessionTimeout,
      @DefaultValue("2s") Duration heartbeatInterval,
      @DefaultValue("60s") Duration transactionTimeout) {

    public Kafka {
      instanceId = instanceId == null ? "" : instanceId.strip();
    }

    public boolean staticMembership() {
      return !instanceId.isEmpty();
    }

    /**
     * The reply-code space of this instance ({@link ReplyCodes#forAlert(String, int)}): the number
     * its id ends with ({@code alert-dispatcher-2}, a StatefulSet's {@code …-0}) modulo {@link
     * ReplyCodes#SPACES}, so instances numbered 0 to 30 apart never pick the same code for one
     * phone however close together they open alerts. An id without a number, or none (one
     * instance), picks from every space.
     */
    public int replyCodeSpace() {
      var digits = TRAILING_NUMBER.matcher(instanceId);
      return digits.find()
          ? new BigInteger(digits.group()).mod(BigInteger.valueOf(ReplyCodes.SPACES)).intValue()
          : ReplyCodes.ANY_SPACE;
    }

    private static final Pattern TRAILING_NUMBER = Pattern.compile("[0-9]+$");
  }
}
