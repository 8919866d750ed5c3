package alerting.localinfra;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The little HTTP plumbing the stand-ins' JDK-server handlers share: forms, answers, HTML escaping.
 */
public final class HttpPages {
  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  static {
    // The JDK server writes a response's headers and body separately; with Nagle on, the body waits
    // for the
    // client's delayed ACK, about 40 ms per response, which would cap a stand-in far below a
    // provider's
    // rate. The JDK reads the setting once, when its first server starts, so it is set before any
    // of ours.
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  private HttpPages() {}

  /**
   * A JDK HTTP server bound to {@code address}, not yet started, answering without Nagle's delay.
   */
  public static HttpServer server(InetSocketAddress address, int backlog) throws IOException {
    return HttpServer.create(address, backlog);
  }

  /** Parses an urlencoded form or query string; the first value of a repeated name wins. */
  static Map<String, String> parseForm(String encoded) {
    Map<String, String> params = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return params;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      params.putIfAbsent(name, value);
    }
    return params;
  }

  static Map<String, String> readForm(HttpExchange exchange) throws IOException {
    return parseForm(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
  }

  public static void respond(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static void html(HttpExchange exchange, int status, String title, String body)
      throws IOException {
    respond(
        exchange,
        status,
        "text/html; charset=utf-8",
        "<!doctype html><html><head><meta charset=\"utf-8\"><title>"
            + escape(title)
            + "</title><style>body{font-family:sans-serif;margin:2em}"
            + "td,th{padding:.3em .6em;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
            + "pre{white-space:pre-wrap}</style></head><body><h1>"
            + escape(title)
            + "</h1>"
            + body
            + "</body></html>");
  }

  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }
}
