package alerting.console.contacts;

import alerting.console.contacts.ContactsClient.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** The rows of the contact-methods form: blank rows dropped, one moved up or down. */
final class MethodRows {
  private static final Pattern ROW = Pattern.compile("methods\\[(\\d+)]");

  private MethodRows() {}

  static List<Method> of(List<String> channels, List<String> addresses) {
    var rows = new ArrayList<Method>();
    var n =
        Math.min(channels == null ? 0 : channels.size(), addresses == null ? 0 : addresses.size());
    for (var i = 0; i < n; i++) {
      var channel = channels.get(i).strip();
      var address = addresses.get(i).strip();
      if (!channel.isEmpty() || !address.isEmpty()) {
        rows.add(new Method(channel, address));
      }
    }
    return rows;
  }

  /** {@code move} is "index:up" or "index:down". */
  static List<Method> move(List<Method> rows, String move) {
    var parts = move.split(":");
    var moved = new ArrayList<>(rows);
    try {
      var from = Integer.parseInt(parts[0]);
      var to = parts.length > 1 && parts[1].equals("up") ? from - 1 : from + 1;
      if (from >= 0 && from < moved.size() && to >= 0 && to < moved.size()) {
        moved.add(to, moved.remove(from));
      }
    } catch (NumberFormatException ignored) {
      // a hand-made request: show the rows as they were
    }
    return moved;
  }

  /** The row a problem's field names ("methods[1].address" → 1), or -1. */
  static int rowOf(String field) {
    if (field == null) {
      return -1;
    }
    var m = ROW.matcher(field);
    return m.find() ? Integer.parseInt(m.group(1)) : -1;
  }
}
