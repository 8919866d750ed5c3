package alerting.contacts.securitycontacts;

import alerting.contacts.system.Caller;
import alerting.contacts.system.ConflictException;
import alerting.contacts.system.InvalidRequestException;
import alerting.contacts.system.NotFoundException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Works off received contact requests. Each is claimed (its row locked) and completed in the same
 * transaction as the contact it creates, so two instances of the service on one database never add
 * the same person twice; a request the store cannot honour is rejected with the reason. Requests
 * survive restarts because they are only ever read from the store.
 */
@Component
class ContactRequestWorker {
  private static final Logger log = LoggerFactory.getLogger(ContactRequestWorker.class);
  private static final int BATCH = 20;
  private final ContactRequests requests;
  private final SecurityContactService service;
  private final ContactMethodParser methods;
  private final TransactionTemplate transactions;
  private final JsonMapper json;

  ContactRequestWorker(
      ContactRequests requests,
      SecurityContactService service,
      ContactMethodParser methods,
      TransactionTemplate transactions,
      JsonMapper json) {
    this.requests = requests;
    this.service = service;
    this.methods = methods;
    this.transactions = transactions;
    this.json = json;
  }

  @Scheduled(fixedDelayString = "${alerting.contacts.requests.poll-interval:500ms}")
  void workOff() {
    workOffWaiting();
  }

  /**
   * Works off a batch of the waiting requests, each in a transaction of its own that first claims
   * it: a request another worker (of this instance or another) holds or has finished meanwhile is
   * left to it. Returns how many requests this call finished.
   */
  int workOffWaiting() {
    int finished = 0;
    // read without locks: only the claim decides who works a request off
    for (var candidate : requests.received(BATCH)) {
      var requestId = candidate.requestId();
      try {
        if (Boolean.TRUE.equals(
            transactions.execute(
                tx -> {
                  var claimed = requests.claim(requestId);
                  claimed.ifPresent(this::complete);
                  return claimed.isPresent();
                }))) {
          finished++;
        }
      } catch (InvalidRequestException e) {
        finished += reject(requestId, e.getMessage());
      } catch (ConflictException | NotFoundException e) {
        finished += reject(requestId, e.getBody().getDetail());
      } catch (RuntimeException e) {
        // left RECEIVED: tried again on the next round
        log.warn("contact request {} could not be worked off yet: {}", requestId, e.toString());
      }
    }
    return finished;
  }

  /**
   * Records why a request cannot be honoured. The attempt's transaction was rolled back, its claim
   * with it, so the request is claimed again: if another worker took it up in between, whichever
   * finishes it first decides, and the other leaves it alone.
   */
  private int reject(String requestId, String reason) {
    return Boolean.TRUE.equals(
            transactions.execute(
                tx -> {
                  var claimed = requests.claim(requestId);
                  claimed.ifPresent(
                      r ->
                          requests.finish(
                              requestId, ContactRequests.Status.REJECTED, null, reason));
                  return claimed.isPresent();
                }))
        ? 1
        : 0;
  }

  private void complete(ContactRequests.Request request) {
    var command = json.readValue(request.command(), NewPersonCommand.class);
    var caller =
        new Caller(
            request.actorId(), request.actorName(), request.tenantId(), List.of("TENANT_ADMIN"));
    var result =
        service.addNewPerson(
            caller,
            request.tenantId(),
            command.displayName(),
            command.email(),
            command.title(),
            Roles.parse(command.roles(), "roles"),
            methods.parseAll(command.methods(), "methods"));
    // kept one per line in the request's reason column, read back as the status's warnings
    var warnings = result.warnings().isEmpty() ? null : String.join("\n", result.warnings());
    requests.finish(
        request.requestId(),
        ContactRequests.Status.COMPLETED,
        result.contact().orElseThrow().contactId(),
        warnings);
  }
}
