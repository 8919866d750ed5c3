package alerting.dispatcher.coverage;

import alerting.dispatcher.coverage.IncidentCoverage.Counts;
import alerting.dispatcher.coverage.IncidentCoverage.TimeToAck;
import alerting.events.AlertState;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The alerts of one incident sorted by tenant, then contact, with running totals and the alerts per
 * tenant, so a page of the board and its totals need not look at every alert. Written by {@link
 * AlertStates} only; read concurrently.
 */
final class IncidentAlerts {
  static final IncidentAlerts NONE = new IncidentAlerts();

  private final NavigableMap<String, AlertState> ordered = new ConcurrentSkipListMap<>();
  private final Map<String, Integer> alertsPerTenant = new ConcurrentHashMap<>();
  private final SendBacklog backlog = new SendBacklog();
  private volatile Counts counts = Counts.NONE;
  private volatile long version;
  private volatile Cached<TimeToAck> timeToAck = new Cached<>(-1, TimeToAck.NONE);

  private record Cached<T>(long version, T value) {}

  void add(AlertState state) {
    ordered.put(key(state), state);
    alertsPerTenant.merge(state.brief().tenantId(), 1, Integer::sum);
    counts = counts.plus(state);
    backlog.add(state);
    version++;
  }

  void remove(AlertState state) {
    if (ordered.remove(key(state)) != null) {
      alertsPerTenant.computeIfPresent(state.brief().tenantId(), (t, n) -> n == 1 ? null : n - 1);
      counts = counts.minus(state);
      backlog.remove(state);
      version++;
    }
  }

  int size() {
    return ordered.size();
  }

  /** Totals over every alert of the incident, kept up to date on each change. */
  Counts counts() {
    return counts;
  }

  /** Per channel: queued, sent, failed, rate and the time until everyone had a first attempt. */
  List<ChannelProgress> channels(Instant now) {
    return backlog.progress(now);
  }

  /**
   * Time to ack over the whole incident, computed again only after a change: a board polled every
   * few seconds would otherwise sort every ack of a mass incident on every poll.
   */
  TimeToAck timeToAck() {
    var cached = timeToAck;
    var current = version;
    if (cached.version() != current) {
      cached =
          new Cached<>(
              current, counts.acknowledged() == 0 ? TimeToAck.NONE : TimeToAck.of(inOrder()));
      timeToAck = cached;
    }
    return cached.value();
  }

  /** In board order: tenant id, then contact name. */
  Collection<AlertState> inOrder() {
    return ordered.values();
  }

  /** One tenant's alerts, in board order, without looking at the others. */
  Collection<AlertState> ofTenant(String tenantId) {
    return ordered.subMap(tenantId + '\u0000', tenantId + '\u0001').values();
  }

  Set<String> tenants() {
    return alertsPerTenant.keySet();
  }

  int alertsOf(String tenantId) {
    return alertsPerTenant.getOrDefault(tenantId, 0);
  }

  AlertState first() {
    var first = ordered.firstEntry();
    return first == null ? null : first.getValue();
  }

  /** Tenant ids contain no NUL, so the prefix of a key is exactly one tenant's alerts. */
  private static String key(AlertState state) {
    var contact = state.brief().contactName() == null ? "" : state.brief().contactName();
    return state.brief().tenantId() + '\u0000' + contact + '\u0000' + state.alertId();
  }
}
