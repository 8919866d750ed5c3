package alerting.ack.abuse;

import alerting.ack.system.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Refuses a client that exceeds its budget before anything else runs, so a flood of forged requests
 * costs neither signature checks nor Kafka writes. Answers 429 with Retry-After.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ClientRateLimitFilter extends OncePerRequestFilter {
  private final RateLimits limits;
  private final RefusedRequests refused;
  private final HandlerExceptionResolver problems;

  /**
   * The refusal is answered by Spring MVC's own problem-detail handling, as a controller's would
   * be.
   */
  ClientRateLimitFilter(
      RateLimits limits,
      RefusedRequests refused,
      @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
    this.limits = limits;
    this.refused = refused;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    var path = request.getRequestURI();
    return !(path.startsWith("/ack/") || path.startsWith("/twilio/"));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var scope =
        request.getRequestURI().startsWith("/twilio/")
            ? RateLimits.Scope.WEBHOOK_CLIENT
            : RateLimits.Scope.LINK_CLIENT;
    // the remote address is the client's own, or the balancer's X-Forwarded-For
    // (server.forward-headers-strategy)
    if (limits.tryAcquire(scope, request.getRemoteAddr())) {
      chain.doFilter(request, response);
      return;
    }
    refused.count(request.getRequestURI(), "rate-limited-client");
    problems.resolveException(
        request,
        response,
        null,
        Problems.tooManyRequests("Too many requests; try again in a minute."));
  }
}
