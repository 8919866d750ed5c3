package alerting.systemtests.faults;

import static org.awaitility.Awaitility.await;

import alerting.testsupport.LocalIdentityProvider;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tenant admins changing their security contacts throughout a scenario, through contact-service's
 * REST API on its two instances: a few dozen tenants of their own ({@code churn-0} …, not the
 * incident's), provisioned with a PLATFORM token through {@code /internal/tenants}, each with an
 * admin and one user. Each admin, one change at a time with a pause of 0.5 to 2 s between them,
 * adds the user as a contact, requests a person not in the directory yet (the asynchronous
 * contact-request, worked off by either instance's request worker), replaces a contact's methods,
 * removes a contact, and again. Only the PRIMARY_IT role: a change to it announces nothing, so no
 * change email competes with the incident's emails or moves the scenarios' triggers (which count
 * emails).
 *
 * <p>Each request goes to the two instances in turn, and to the other one when the first does not
 * take the connection (a killed process), as a load balancer would; a request that was sent but got
 * no answer (the instance died while handling it) is not sent again, because it may have been
 * carried out: the admin reads the contacts back and sees whether it was. Every change is recorded
 * per tenant, in order, with how the harness knows it happened: answered 2xx, seen on reading back
 * after no answer, or not seen (it may still show up on the topics, once). Each change is told
 * apart on the topics by a signature: every contact's title is unique ({@code churn-3 #17}), so is
 * every email address the churn sets.
 */
final class ContactChurn implements AutoCloseable {
  static final String USER = "user";
  private static final String ROLE = "PRIMARY_IT";
  private static final String PHONE = "+14155550100";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  enum Kind {
    ADDED,
    UPDATED,
    REMOVED
  }

  /** How the harness knows a change was made. */
  enum Known {
    /** answered 2xx (a contact request: COMPLETED) */
    ACCEPTED,
    /** no answer, but the contacts read back afterwards show it */
    READ_BACK,
    /** no answer and not seen on reading back: it may still have been made, once */
    NOT_SEEN
  }

  /**
   * A change as the admin made it: its signature ({@link #added}, {@link #updated}, {@link
   * #removed}), the instance that answered (1, 2; 0 when none did or a request worker made it).
   */
  record Change(
      String tenant,
      Kind kind,
      String contactId,
      String signature,
      Known known,
      int instance,
      Instant at) {}

  /** A contact as the admin last saw it. */
  record Seen(String contactId, String title, List<String> methods) {}

  /** An answer, and which instance (1 or 2) gave it. */
  record Answer(int status, String body, int instance) {}

  /** Sent, but no answer came: the instance may or may not have carried the request out. */
  static final class NoAnswer extends Exception {
    NoAnswer(String message, Throwable cause) {
      super(message, cause);
    }
  }

  static String added(String title) {
    return "added " + title;
  }

  static String updated(String title, List<String> methods) {
    return "updated " + title + " to " + methods;
  }

  static String removed(String title) {
    return "removed " + title;
  }

  private final class Tenant {
    final String id;
    final String token;
    final Map<String, Seen> contacts = new LinkedHashMap<>();
    final List<Change> changes = Collections.synchronizedList(new ArrayList<>());
    int step;
    String pendingRequest;
    String pendingTitle;
    List<String> pendingMethods;
    Instant pendingSince;

    Tenant(String id) {
      this.id = id;
      this.token = identity.token("admin-" + id, "Admin of " + id, id, "TENANT_ADMIN");
    }

    String title() {
      return id + " #" + ++step;
    }

    String email(String who) {
      return who + ".n" + step + "@" + id + ".example";
    }
  }

  private final List<Integer> ports;
  private final LocalIdentityProvider identity;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(2))
          .build();
  private final ScheduledExecutorService admins =
      Executors.newScheduledThreadPool(
          6,
          task -> {
            var thread = new Thread(task, "contact-churn");
            thread.setDaemon(true);
            return thread;
          });
  private final AtomicInteger turn = new AtomicInteger();
  private final List<Tenant> tenants = new ArrayList<>();
  private final Map<String, List<String>> examples = new ConcurrentHashMap<>();
  final AtomicLong accepted = new AtomicLong();
  final AtomicLong sentToTheOther = new AtomicLong();
  final AtomicLong noAnswer = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong rejectedRequests = new AtomicLong();
  final AtomicLong errors = new AtomicLong();

  /** The longest a contact request took from its 202 to COMPLETED or REJECTED. */
  final AtomicLong requestMillis = new AtomicLong();

  private volatile boolean running;

  /** {@code ports}: the two instances' server ports. */
  ContactChurn(List<Integer> ports, LocalIdentityProvider identity, int tenantCount) {
    this.ports = ports;
    this.identity = identity;
    for (var i = 0; i < tenantCount; i++) {
      tenants.add(new Tenant("churn-" + i));
    }
  }

  List<String> tenantIds() {
    return tenants.stream().map(t -> t.id).toList();
  }

  /** Each tenant and its admin and user, with a PLATFORM token; nothing is published for them. */
  void provision() {
    var platform = identity.token("platform", "Platform", null, "PLATFORM");
    for (var t : tenants) {
      var tenant =
          must(
              "POST",
              "/internal/tenants",
              platform,
              "{\"tenantId\":\"%s\",\"name\":\"Churn %s\"}".formatted(t.id, t.id));
      for (var user :
          List.of(new String[] {"admin-" + t.id, "true"}, new String[] {USER, "false"})) {
        var answer =
            must(
                "POST",
                "/internal/tenants/" + t.id + "/users",
                platform,
                "{\"userId\":\"%s\",\"displayName\":\"%s of %s\",\"email\":\"%s@%s.example\",\"tenantAdmin\":%s}"
                    .formatted(user[0], user[0], t.id, user[0], t.id, user[1]));
        // 409: made by an earlier try whose answer was lost
        if (answer.status() != 201 && answer.status() != 409) {
          throw new IllegalStateException("provisioning " + t.id + ": " + answer);
        }
      }
      if (tenant.status() != 201 && tenant.status() != 200) {
        throw new IllegalStateException("provisioning " + t.id + ": " + tenant);
      }
    }
  }

  /** Starts every admin's changes; each tenant's admin makes one change at a time. */
  void start() {
    running = true;
    for (var t : tenants) {
      next(t);
    }
  }

  private void next(Tenant t) {
    if (running) {
      admins.schedule(
          () -> step(t), ThreadLocalRandom.current().nextLong(500, 2_000), TimeUnit.MILLISECONDS);
    }
  }

  private void step(Tenant t) {
    try {
      if (t.pendingRequest != null) {
        pollRequest(t);
      } else if (!t.contacts.containsKey(USER)) {
        addUser(t);
      } else if (t.contacts.size() < 2) {
        requestNewPerson(t);
      } else {
        var all = new ArrayList<>(t.contacts.values());
        var contact = all.get(ThreadLocalRandom.current().nextInt(all.size()));
        if (ThreadLocalRandom.current().nextInt(100) < 65) {
          replaceMethods(t, contact);
        } else {
          remove(t, contact);
        }
      }
    } catch (RuntimeException e) {
      errors.incrementAndGet();
      example("churn errors", t.id + ": " + e);
    } finally {
      next(t);
    }
  }

  private void addUser(Tenant t) {
    var title = t.title();
    var methods = List.of("EMAIL:" + t.email(USER));
    change(
        t,
        Kind.ADDED,
        USER,
        added(title),
        "POST",
        "/api/tenants/" + t.id + "/contacts",
        "{\"personId\":\"%s\",\"roles\":[\"%s\"],\"title\":\"%s\",\"methods\":%s}"
            .formatted(USER, ROLE, title, methodsJson(methods)),
        new Seen(USER, title, methods));
  }

  private void replaceMethods(Tenant t, Seen contact) {
    t.step++;
    var methods =
        ThreadLocalRandom.current().nextBoolean()
            ? List.of("EMAIL:" + t.email("c"), "SMS:" + PHONE)
            : List.of("SMS:" + PHONE, "EMAIL:" + t.email("c"));
    change(
        t,
        Kind.UPDATED,
        contact.contactId(),
        updated(contact.title(), methods),
        "PUT",
        "/api/tenants/" + t.id + "/contacts/" + contact.contactId() + "/methods",
        "{\"methods\":%s}".formatted(methodsJson(methods)),
        new Seen(contact.contactId(), contact.title(), methods));
  }

  private void remove(Tenant t, Seen contact) {
    change(
        t,
        Kind.REMOVED,
        contact.contactId(),
        removed(contact.title()),
        "DELETE",
        "/api/tenants/" + t.id + "/contacts/" + contact.contactId(),
        null,
        null);
  }

  /**
   * One synchronous change: recorded when answered 2xx; read back when no answer came; a refusal
   * (4xx: the admin's view was out of date) is counted and the view read again.
   */
  private void change(
      Tenant t,
      Kind kind,
      String contactId,
      String signature,
      String method,
      String path,
      String body,
      Seen after) {
    Answer answer;
    try {
      answer = call(method, path, t.token, body);
    } catch (NoAnswer e) {
      noAnswer.incrementAndGet();
      var known = readBack(t, signature) ? Known.READ_BACK : Known.NOT_SEEN;
      record(t, new Change(t.id, kind, contactId, signature, known, 0, Instant.now()));
      example("changes sent without an answer", t.id + " " + signature + ": " + e.getMessage());
      return;
    }
    if (answer.status() / 100 == 2) {
      record(
          t,
          new Change(
              t.id, kind, contactId, signature, Known.ACCEPTED, answer.instance(), Instant.now()));
      if (after == null) {
        t.contacts.remove(contactId);
      } else {
        t.contacts.put(contactId, after);
      }
      return;
    }
    refused.incrementAndGet();
    example("refused changes", t.id + " " + signature + ": " + answer);
    readBack(t, null);
  }

  private void requestNewPerson(Tenant t) {
    var title = t.title();
    var email = t.email("new");
    var body =
        "{\"displayName\":\"New %s\",\"email\":\"%s\",\"title\":\"%s\",\"roles\":[\"%s\"],\"methods\":%s}"
            .formatted(title, email, title, ROLE, methodsJson(List.of("EMAIL:" + email)));
    Answer answer;
    try {
      answer = call("POST", "/api/tenants/" + t.id + "/contact-requests", t.token, body);
    } catch (NoAnswer e) {
      noAnswer.incrementAndGet();
      // the request may have been stored, and then a worker will make the contact: the next
      // reading shows it (a later step reads back too)
      var known = readBack(t, added(title)) ? Known.READ_BACK : Known.NOT_SEEN;
      record(t, new Change(t.id, Kind.ADDED, null, added(title), known, 0, Instant.now()));
      return;
    }
    if (answer.status() != 202) {
      refused.incrementAndGet();
      example("refused changes", t.id + " contact request " + title + ": " + answer);
      return;
    }
    t.pendingRequest = json(answer.body()).path("requestId").asString();
    t.pendingTitle = title;
    t.pendingMethods = List.of("EMAIL:" + email);
    t.pendingSince = Instant.now();
  }

  /** Whether the tenant's pending contact request is finished (and its change recorded). */
  private boolean pollRequest(Tenant t) {
    Answer answer;
    try {
      answer =
          call(
              "GET",
              "/api/tenants/" + t.id + "/contact-requests/" + t.pendingRequest,
              t.token,
              null);
    } catch (NoAnswer e) {
      return false;
    }
    if (answer.status() != 200) {
      return false;
    }
    var status = json(answer.body());
    switch (status.path("status").asString()) {
      case "COMPLETED" -> {
        var contactId = status.path("contactId").asString();
        record(
            t,
            new Change(
                t.id,
                Kind.ADDED,
                contactId,
                added(t.pendingTitle),
                Known.ACCEPTED,
                0,
                Instant.now()));
        t.contacts.put(contactId, new Seen(contactId, t.pendingTitle, t.pendingMethods));
        requestMillis.accumulateAndGet(
            Duration.between(t.pendingSince, Instant.now()).toMillis(), Math::max);
      }
      case "REJECTED" -> {
        rejectedRequests.incrementAndGet();
        requestMillis.accumulateAndGet(
            Duration.between(t.pendingSince, Instant.now()).toMillis(), Math::max);
        example("rejected contact requests", t.id + " " + t.pendingTitle + ": " + answer.body());
      }
      default -> {
        return false;
      }
    }
    t.pendingRequest = null;
    return true;
  }

  /**
   * Reads the tenant's contacts (from either instance, for up to two minutes) into the admin's
   * view, and tells whether the change of {@code signature} shows in them.
   */
  private boolean readBack(Tenant t, String signature) {
    var read =
        await("contacts of " + t.id + " read back")
            .atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .ignoreExceptions()
            .until(() -> contactsOf(t), Objects::nonNull);
    t.contacts.clear();
    read.forEach(c -> t.contacts.put(c.contactId(), c));
    if (signature == null) {
      return false;
    }
    return read.stream()
            .anyMatch(
                c ->
                    signature.equals(added(c.title()))
                        || signature.equals(updated(c.title(), c.methods())))
        || (signature.startsWith("removed ")
            && read.stream().noneMatch(c -> signature.equals(removed(c.title()))));
  }

  /** The tenant's contacts as the API lists them now; null when no instance answered. */
  List<Seen> contactsOf(Tenant t) throws NoAnswer {
    var answer = call("GET", "/api/tenants/" + t.id + "/contacts", t.token, null);
    if (answer.status() != 200) {
      return null;
    }
    var byId = new LinkedHashMap<String, Seen>();
    for (var role : json(answer.body()).properties()) {
      for (var contact : role.getValue()) {
        var methods = new ArrayList<String>();
        for (var m : contact.path("methods")) {
          methods.add(m.path("channel").asString() + ":" + m.path("address").asString());
        }
        var id = contact.path("contactId").asString();
        byId.put(id, new Seen(id, contact.path("title").asString(), List.copyOf(methods)));
      }
    }
    return List.copyOf(byId.values());
  }

  /** Every tenant's contacts as the API lists them now (for the check's last-snapshot compare). */
  Map<String, List<Seen>> currentContacts() {
    var current = new LinkedHashMap<String, List<Seen>>();
    for (var t : tenants) {
      current.put(
          t.id,
          await("contacts of " + t.id)
              .atMost(Duration.ofMinutes(2))
              .pollInterval(Duration.ofMillis(500))
              .ignoreExceptions()
              .until(() -> contactsOf(t), Objects::nonNull));
    }
    return current;
  }

  private void record(Tenant t, Change change) {
    t.changes.add(change);
    if (change.known() == Known.ACCEPTED) {
      accepted.incrementAndGet();
    }
  }

  /**
   * Sends the request to the next instance in turn, to the other when it does not take the
   * connection; when neither does, tries again for up to two minutes (nothing was sent, so nothing
   * can happen twice). Throws {@link NoAnswer} when the request went out and no answer came.
   */
  Answer call(String method, String path, String token, String body) throws NoAnswer {
    var first = Math.floorMod(turn.getAndIncrement(), 2);
    var giveUp = Instant.now().plus(Duration.ofMinutes(2));
    for (var attempt = 0; ; attempt++) {
      var instance = (first + attempt) % 2;
      var request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + ports.get(instance) + path))
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token)
              .header("Content-Type", "application/json")
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body))
              .build();
      try {
        var response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body(), instance + 1);
      } catch (ConnectException | HttpConnectTimeoutException e) {
        // never reached the instance: a load balancer hands it to the other one
        sentToTheOther.incrementAndGet();
        if (Instant.now().isAfter(giveUp)) {
          throw new NoAnswer("no instance took the connection for two minutes", e);
        }
        if (attempt % 2 == 1) {
          pause(Duration.ofMillis(500));
        }
      } catch (IOException e) {
        throw new NoAnswer(method + " " + path + " to instance " + (instance + 1) + ": " + e, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new NoAnswer("interrupted", e);
      }
    }
  }

  /** For provisioning, which must succeed: tries again while no answer comes. */
  private Answer must(String method, String path, String token, String body) {
    return await(method + " " + path)
        .atMost(Duration.ofMinutes(2))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              var answer = call(method, path, token, body);
              return answer.status() >= 500 ? null : answer;
            },
            Objects::nonNull);
  }

  /**
   * Stops the admins once each instance has answered a change at or after {@code since} (a
   * restarted one has taken work again; at most a minute), then waits up to two minutes for the
   * contact requests still pending to be worked off.
   */
  void stop(Instant since) throws InterruptedException {
    try {
      await("both contact-service instances to answer a change")
          .atMost(Duration.ofMinutes(1))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> firstAcceptedBy(1, since) != null && firstAcceptedBy(2, since) != null);
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      System.out.println("contact churn: not both instances answered a change since " + since);
    }
    running = false;
    admins.shutdown();
    admins.awaitTermination(2, TimeUnit.MINUTES);
    var until = Instant.now().plus(Duration.ofMinutes(2));
    for (var t : tenants) {
      while (t.pendingRequest != null && Instant.now().isBefore(until)) {
        if (!pollRequest(t)) {
          pause(Duration.ofMillis(500));
        }
      }
    }
  }

  /** Contact requests answered 202 and never COMPLETED nor REJECTED. */
  List<String> pendingRequests() {
    return tenants.stream()
        .filter(t -> t.pendingRequest != null)
        .map(
            t ->
                t.id
                    + " request "
                    + t.pendingRequest
                    + " ("
                    + t.pendingTitle
                    + ") accepted "
                    + t.pendingSince)
        .toList();
  }

  /** The changes made, per tenant, in the order the admin made them. */
  Map<String, List<Change>> changes() {
    var all = new LinkedHashMap<String, List<Change>>();
    for (var t : tenants) {
      synchronized (t.changes) {
        all.put(t.id, List.copyOf(t.changes));
      }
    }
    return all;
  }

  /**
   * The first change instance {@code instance} (1 or 2; 0: either) answered 2xx at or after {@code
   * from}.
   */
  Instant firstAcceptedBy(int instance, Instant from) {
    return tenants.stream()
        .flatMap(
            t -> {
              synchronized (t.changes) {
                return List.copyOf(t.changes).stream();
              }
            })
        .filter(c -> c.instance() > 0 && (instance == 0 || c.instance() == instance))
        .filter(c -> !c.at().isBefore(from))
        .map(Change::at)
        .min(Instant::compareTo)
        .orElse(null);
  }

  Map<String, List<String>> examples() {
    return examples;
  }

  private void example(String kind, String text) {
    var list = examples.computeIfAbsent(kind, k -> Collections.synchronizedList(new ArrayList<>()));
    if (list.size() < 5) {
      list.add(text);
    }
  }

  private static String methodsJson(List<String> methods) {
    var json = new StringBuilder("[");
    for (var m : methods) {
      var colon = m.indexOf(':');
      if (json.length() > 1) {
        json.append(',');
      }
      json.append(
          String.format(
              Locale.ROOT,
              "{\"channel\":\"%s\",\"address\":\"%s\"}",
              m.substring(0, colon),
              m.substring(colon + 1)));
    }
    return json.append(']').toString();
  }

  private static JsonNode json(String body) {
    return JSON.readTree(body);
  }

  /** Waits on the clock through Awaitility, as every wait in the tests does. */
  private static void pause(Duration duration) {
    var until = Instant.now().plus(duration);
    await()
        .atMost(duration.plusSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !Instant.now().isBefore(until));
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    admins.shutdownNow();
    admins.awaitTermination(10, TimeUnit.SECONDS);
  }
}
