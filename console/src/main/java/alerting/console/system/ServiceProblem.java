package alerting.console.system;

import java.io.IOException;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A service said no: its problem detail (status, title, detail and, for bad input, the field), so a
 * page can show the message next to the field it is about.
 */
public class ServiceProblem extends RuntimeException {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final int status;
  private final String title;
  private final String field;

  public ServiceProblem(int status, String title, String detail, String field) {
    super(detail == null || detail.isBlank() ? title : detail);
    this.status = status;
    this.title = title;
    this.field = field;
  }

  static void from(HttpRequest request, ClientHttpResponse response) throws IOException {
    var status = response.getStatusCode().value();
    var body =
        new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    JsonNode problem;
    try {
      problem = body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (RuntimeException notJson) {
      problem = JSON.createObjectNode();
    }
    var title = text(problem, "title", status >= 500 ? "The service is not answering" : "Refused");
    var detail =
        text(
            problem,
            "detail",
            status >= 500
                ? "The service behind this page failed (" + status + "); try again in a moment."
                : title);
    var field = text(problem, "field", null);
    if (field == null) {
      field = fieldPrefix(detail);
    }
    throw new ServiceProblem(status, title, detail, field);
  }

  /** Services name the field first ("methods[0].address: not a phone number"). */
  static String fieldPrefix(String detail) {
    if (detail == null) {
      return null;
    }
    var colon = detail.indexOf(": ");
    if (colon <= 0) {
      return null;
    }
    var prefix = detail.substring(0, colon);
    return prefix.matches("[A-Za-z][A-Za-z0-9_.\\[\\]]*") ? prefix : null;
  }

  private static String text(JsonNode node, String name, String fallback) {
    var value = node.path(name);
    return value.isString() && !value.asString().isBlank() ? value.asString() : fallback;
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The form field the problem is about, or null. */
  public String field() {
    return field;
  }

  /** The message without the field prefix, for showing beside the field. */
  public String fieldMessage() {
    var message = getMessage();
    return field != null && message.startsWith(field + ": ")
        ? message.substring(field.length() + 2)
        : message;
  }
}
