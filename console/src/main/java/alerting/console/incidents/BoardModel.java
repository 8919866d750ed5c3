package alerting.console.incidents;

import alerting.console.incidents.CoverageBoardController.Filter;
import alerting.console.system.ConsoleSettings;
import alerting.console.system.ServiceApis.DispatcherApi;
import java.util.Map;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What the coverage board page shows, for the board itself and for the follow-up and closing
 * forms on it, which re-show the page with their problems beside the fields.
 */
@Component
class BoardModel {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {};
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
    model.addAttribute("summary", api.http().get().uri("/api/incidents/{id}?page=0&size=20", incidentId).retrieve()
        .body(JSON_OBJECT));
    model.addAttribute("alerts", api.http().get().uri(uri -> filter.alertsUri(uri, incidentId)).retrieve().body(JSON_OBJECT));
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
