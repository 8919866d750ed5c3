package alerting.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a body over the limit with a 413 problem detail, counting the bytes actually sent: a
 * declared Content-Length is checked up front, a chunked body is read (up to one byte past the
 * limit) before anything else sees it. Each web service registers one, with the limit from its
 * settings and an order that puts it before anything that reads the body.
 */
public class RequestSizeLimit extends OncePerRequestFilter {
  private final int maxBytes;

  public RequestSizeLimit(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    var declared = request.getContentLengthLong();
    if (declared > maxBytes) {
      refuse(response, "request body is " + declared + " bytes; the limit is " + maxBytes);
      return;
    }
    // with a Content-Length the container reads no further than it, so only a body without one
    // needs counting
    if (declared >= 0 || request.getHeader("Transfer-Encoding") == null) {
      chain.doFilter(request, response);
      return;
    }
    if (MediaType.APPLICATION_FORM_URLENCODED_VALUE.equalsIgnoreCase(mediaType(request))) {
      // the container parses form parameters from its own stream, out of reach of a wrapper
      response.setStatus(HttpServletResponse.SC_LENGTH_REQUIRED);
      write(
          response,
          "Length required",
          HttpServletResponse.SC_LENGTH_REQUIRED,
          "a form must be sent with a Content-Length");
      return;
    }
    var body = request.getInputStream().readNBytes(maxBytes + 1);
    if (body.length > maxBytes) {
      refuse(response, "request body is over the limit of " + maxBytes + " bytes");
      return;
    }
    chain.doFilter(new ReadBody(request, body), response);
  }

  private static String mediaType(HttpServletRequest request) {
    var type = request.getContentType();
    return type == null ? "" : type.split(";", 2)[0].strip();
  }

  private static void refuse(HttpServletResponse response, String detail) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    write(response, "Request too large", HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE, detail);
  }

  private static void write(HttpServletResponse response, String title, int status, String detail)
      throws IOException {
    response.setContentType("application/problem+json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response
        .getWriter()
        .write(
            "{\"type\":\"about:blank\",\"title\":\""
                + title
                + "\",\"status\":"
                + status
                + ",\"detail\":\""
                + detail
                + "\"}");
  }

  /** The request with its body already read into memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public ServletInputStream getInputStream() {
      var in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
          throw new UnsupportedOperationException("the body is already read");
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      var charset =
          getCharacterEncoding() == null
              ? StandardCharsets.UTF_8
              : Charset.forName(getCharacterEncoding());
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }
  }
}
