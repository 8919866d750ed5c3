package alerting.contacts.system;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses oversized bodies up front, before anything reads them, with a problem detail. */
@Component
class RequestSizeLimit extends OncePerRequestFilter {
  private final int maxBytes;

  RequestSizeLimit(ContactServiceSettings settings) {
    this.maxBytes = settings.maxRequestBytes();
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (request.getContentLengthLong() > maxBytes) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      response.setContentType("application/problem+json");
      response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Request too large\",\"status\":400,"
          + "\"detail\":\"request body is " + request.getContentLengthLong() + " bytes; the limit is "
          + maxBytes + "\"}");
      return;
    }
    chain.doFilter(request, response);
  }
}
