package alerting.console.contacts;

import alerting.console.system.ServiceApis.ContactServiceApi;
import alerting.events.Contact;
import alerting.events.ContactRole;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;

/** contact-service's contacts API, called with the signed-in person's token. */
@Component
class ContactsClient {
  record Person(String personId, String displayName, String email) {}

  record Method(String channel, String address) {}

  record AddCommand(String personId, List<String> roles, String title, List<Method> methods) {}

  record NewPersonCommand(
      String displayName, String email, String title, List<String> roles, List<Method> methods) {}

  record Added(Contact contact, List<String> warnings) {}

  record Request(String requestId, String status, String contactId, String reason) {}

  record HistoryEntry(
      Instant occurredAt,
      String actorId,
      String actorName,
      String action,
      String contactId,
      String summary) {}

  /** One method's verdict, as contact-service's reachability API gives it. */
  record MethodReachability(Method method, String state, String reason, boolean drillPending) {
    public boolean verified() {
      return "VERIFIED".equals(state);
    }
  }

  record ContactReachability(String contactId, List<MethodReachability> methods) {}

  record Reachability(boolean atRisk, List<String> risks, List<ContactReachability> contacts) {
    /** Each method's verdict by {@code contactId|CHANNEL|address}, as the page looks it up. */
    Map<String, MethodReachability> byMethod() {
      var all = new java.util.HashMap<String, MethodReachability>();
      for (var contact : contacts) {
        for (var m : contact.methods()) {
          all.put(contact.contactId() + "|" + m.method().channel() + "|" + m.method().address(), m);
        }
      }
      return all;
    }
  }

  record Drill(String drillId, int methods) {}

  private final ContactServiceApi api;

  ContactsClient(ContactServiceApi api) {
    this.api = api;
  }

  Map<ContactRole, List<Contact>> contacts(String tenant) {
    return api.http()
        .get()
        .uri("/api/tenants/{t}/contacts", tenant)
        .retrieve()
        .body(new ParameterizedTypeReference<Map<ContactRole, List<Contact>>>() {});
  }

  List<Person> search(String tenant, String query) {
    return api.http()
        .get()
        .uri("/api/tenants/{t}/directory?q={q}", tenant, query)
        .retrieve()
        .body(new ParameterizedTypeReference<List<Person>>() {});
  }

  Added add(String tenant, AddCommand command) {
    return api.http()
        .post()
        .uri("/api/tenants/{t}/contacts", tenant)
        .body(command)
        .retrieve()
        .body(Added.class);
  }

  Request requestNewPerson(String tenant, NewPersonCommand command) {
    return api.http()
        .post()
        .uri("/api/tenants/{t}/contact-requests", tenant)
        .body(command)
        .retrieve()
        .body(Request.class);
  }

  Request request(String tenant, String requestId) {
    return api.http()
        .get()
        .uri("/api/tenants/{t}/contact-requests/{r}", tenant, requestId)
        .retrieve()
        .body(Request.class);
  }

  void removeRole(String tenant, String contactId, ContactRole role) {
    api.http()
        .delete()
        .uri("/api/tenants/{t}/contacts/{c}/roles/{r}", tenant, contactId, role)
        .retrieve()
        .toBodilessEntity();
  }

  Added replaceMethods(String tenant, String contactId, List<Method> methods) {
    return api.http()
        .put()
        .uri("/api/tenants/{t}/contacts/{c}/methods", tenant, contactId)
        .body(Map.of("methods", methods))
        .retrieve()
        .body(Added.class);
  }

  Reachability reachability(String tenant) {
    return api.http()
        .get()
        .uri("/api/tenants/{t}/reachability", tenant)
        .retrieve()
        .body(Reachability.class);
  }

  Drill startDrill(String tenant) {
    return api.http()
        .post()
        .uri("/api/tenants/{t}/verification-drills", tenant)
        .retrieve()
        .body(Drill.class);
  }

  List<HistoryEntry> history(String tenant) {
    return api.http()
        .get()
        .uri("/api/tenants/{t}/history", tenant)
        .retrieve()
        .body(new ParameterizedTypeReference<List<HistoryEntry>>() {});
  }
}
