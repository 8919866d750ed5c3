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
 * Works off received contact requests. Each is completed in the same transaction as the contact it
 * creates; a request the store cannot honour is rejected with the reason. Requests survive restarts
 * because they are only ever read from the store.
 */
@Component
class ContactRequestWorker {
  private static final Logger log = LoggerFactory.getLogger(ContactRequestWorker.class);
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
    for (var request : requests.received(20)) {
      try {
        transactions.executeWithoutResult(tx -> complete(request));
      } catch (InvalidRequestException e) {
        requests.finish(request.requestId(), ContactRequests.Status.REJECTED, null, e.getMessage());
      } catch (ConflictException | NotFoundException e) {
        requests.finish(
            request.requestId(), ContactRequests.Status.REJECTED, null, e.getBody().getDetail());
      } catch (RuntimeException e) {
        // left RECEIVED: tried again on the next round
        log.warn(
            "contact request {} could not be worked off yet: {}",
            request.requestId(),
            e.toString());
      }
    }
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
