package alerting.dispatcher.system;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * This service's body limit ({@link alerting.web.RequestSizeLimit}), before anything reads a body.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimit extends alerting.web.RequestSizeLimit {
  RequestSizeLimit(DispatcherSettings settings) {
    super(settings.maxRequestBytes());
  }
}
