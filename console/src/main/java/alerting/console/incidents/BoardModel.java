package alerting.console.incidents;

import alerting.console.incidents.CoverageBoardController.Filter;
import alerting.console.system.ConsoleSettings;
import alerting.console.system.ServiceApis.DispatcherApi;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the coverage board page shows, for the board itself and for the follow-up and closing forms
 * on it, which re-show the page with their problems beside the fields.
 */
@Component
class BoardModel {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
      new ParameterizedTypeReference<>() {};
  private static final int TENANT_ROWS = 20;
  private final DispatcherApi api;
  private final ConsoleSettings settings;

  BoardModel(DispatcherApi api, ConsoleSettings settings) {
    this.api = api;
    this.settings = settings;
  }

  void fill(Model model, String incidentId, Filter filter) {
    model.addAttribute("incidentId", incidentId);
    model.addAttribute("filter", filter);
    model.addAttribute("refreshSeconds", settings.boardRefreshSeconds());
    // the totals are the whole incident's; the tenant rows, the first page of those the search
    // matches
    var summary =
        api.http()
            .get()
            .uri(
                uri -> {
                  uri.path("/api/incidents/{id}")
                      .queryParam("page", 0)
                      .queryParam("size", TENANT_ROWS);
                  if (!filter.q().isEmpty()) {
                    uri.queryParam("q", filter.q());
                  }
                  return uri.build(incidentId);
                })
            .retrieve()
            .body(JSON_OBJECT);
    model.addAttribute("summary", summary);
    model.addAttribute("channels", ChannelLine.of(summary));
    model.addAttribute(
        "alerts",
        api.http()
            .get()
            .uri(uri -> filter.alertsUri(uri, incidentId))
            .retrieve()
            .body(JSON_OBJECT));
    if (!model.containsAttribute("followUp")) {
      model.addAttribute("followUp", new IncidentFollowUpController.FollowUpForm("", ""));
    }
    if (!model.containsAttribute("problems")) {
      model.addAttribute("problems", Map.of());
    }
    if (!model.containsAttribute("confirmClose")) {
      model.addAttribute("confirmClose", false);
    }
  }
}
