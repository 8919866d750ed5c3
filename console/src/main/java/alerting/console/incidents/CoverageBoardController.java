package alerting.console.incidents;

import java.net.URI;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriBuilder;

/**
 * The live coverage board: totals, time to ack, unreachable tenants, and one page of alerts
 * filtered by status, tenant or text. The board fragment re-polls itself every second or so, and
 * only ever asks the dispatcher for one page, so it stays fast at 60,000 alerts.
 */
@Controller
class CoverageBoardController {
  private final BoardModel board;

  CoverageBoardController(BoardModel board) {
    this.board = board;
  }

  record Filter(String status, String tenant, String q, int page) {
    Filter {
      status = status == null ? "" : status.strip();
      tenant = tenant == null ? "" : tenant.strip();
      q = q == null ? "" : q.strip();
      page = Math.max(0, page);
    }

    URI alertsUri(UriBuilder uri, String incidentId) {
      uri.path("/api/incidents/{id}/alerts").queryParam("page", page).queryParam("size", 50);
      if (!status.isEmpty()) {
        uri.queryParam("status", status);
      }
      if (!tenant.isEmpty()) {
        uri.queryParam("tenant", tenant);
      }
      if (!q.isEmpty()) {
        uri.queryParam("q", q);
      }
      return uri.build(incidentId);
    }
  }

  @GetMapping("/incidents/{incidentId}")
  String board(
      @PathVariable String incidentId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String tenant,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    board.fill(model, incidentId, new Filter(status, tenant, q, page));
    return "incident-board";
  }

  /** The part htmx refreshes: everything below the filters. */
  @GetMapping("/incidents/{incidentId}/board")
  String boardFragment(
      @PathVariable String incidentId,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String tenant,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    board.fill(model, incidentId, new Filter(status, tenant, q, page));
    return "incident-board :: board";
  }
}
