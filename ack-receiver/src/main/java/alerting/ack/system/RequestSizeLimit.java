package alerting.ack.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * This service's body limit ({@link alerting.web.RequestSizeLimit}), before anything reads a body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class RequestSizeLimit extends alerting.web.RequestSizeLimit {
  RequestSizeLimit(AckReceiverSettings settings) {
    super(settings.limits().requestBytes());
  }
}
