package alerting.console.incidents;

import alerting.console.system.ServiceApis.DispatcherApi;
import alerting.console.system.ServiceProblem;
import alerting.events.IncidentKind;
import alerting.events.Severity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Raising an incident takes two steps, because it reaches every affected tenant's security people
 * at once: the form, then a confirmation that says what will happen.
 */
@Controller
class IncidentsController {
  private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT =
      new ParameterizedTypeReference<>() {};
  private final DispatcherApi api;

  IncidentsController(DispatcherApi api) {
    this.api = api;
  }

  /** The form as typed; {@code requestKey} makes a resubmitted confirmation raise nothing new. */
  record IncidentForm(
      String kind,
      String severity,
      String title,
      String summary,
      String statusUrl,
      Boolean allTenants,
      String tenantIds,
      String requestKey) {
    IncidentForm {
      // an unticked checkbox sends nothing
      allTenants = Boolean.TRUE.equals(allTenants);
    }

    List<String> tenantList() {
      return tenantIds == null
          ? List.of()
          : Arrays.stream(tenantIds.split("[,\\s]+"))
              .map(String::strip)
              .filter(s -> !s.isEmpty())
              .distinct()
              .toList();
    }

    /** What can be said before asking the dispatcher: required fields and their shape. */
    Map<String, String> problems() {
      var problems = new LinkedHashMap<String, String>();
      if (title == null || title.isBlank()) {
        problems.put("title", "Give the incident a title; it is the subject of every message.");
      } else if (title.length() > 200) {
        problems.put("title", "Keep the title under 200 characters.");
      }
      if (kind == null
          || Arrays.stream(IncidentKind.values()).noneMatch(k -> k.name().equals(kind))) {
        problems.put("kind", "Choose what kind of message this is.");
      }
      if (severity == null
          || Arrays.stream(Severity.values()).noneMatch(s -> s.name().equals(severity))) {
        problems.put("severity", "Choose a severity.");
      }
      if (statusUrl != null
          && !statusUrl.isBlank()
          && !statusUrl.strip().matches("https?://\\S+")) {
        problems.put("statusUrl", "The status page must be an http(s) address.");
      }
      if (!allTenants && tenantList().isEmpty()) {
        problems.put("tenantIds", "Name at least one tenant, or choose all tenants.");
      }
      return problems;
    }
  }

  @GetMapping("/incidents")
  String list(@RequestParam(defaultValue = "0") int page, Model model) {
    model.addAttribute(
        "incidents",
        api.http()
            .get()
            .uri("/api/incidents?page={p}&size=20", Math.max(0, page))
            .retrieve()
            .body(JSON_OBJECT));
    return "incidents";
  }

  @GetMapping("/incidents/new")
  String form(Model model) {
    return showForm(
        model,
        new IncidentForm("SECURITY_CONCERN", "CRITICAL", "", "", "", false, "", null),
        Map.of());
  }

  @PostMapping("/incidents/review")
  String review(@ModelAttribute IncidentForm form, Model model) {
    var problems = form.problems();
    if (!problems.isEmpty()) {
      return showForm(model, form, problems);
    }
    model.addAttribute(
        "form",
        new IncidentForm(
            form.kind(),
            form.severity(),
            form.title().strip(),
            form.summary(),
            form.statusUrl(),
            form.allTenants(),
            String.join(", ", form.tenantList()),
            UUID.randomUUID().toString()));
    return "incident-review";
  }

  @PostMapping("/incidents")
  String raise(@ModelAttribute IncidentForm form, Model model) {
    var problems = form.problems();
    if (!problems.isEmpty()) {
      return showForm(model, form, problems);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("kind", form.kind());
    body.put("severity", form.severity());
    body.put("title", form.title().strip());
    body.put("summary", form.summary());
    if (form.statusUrl() != null && !form.statusUrl().isBlank()) {
      body.put("statusUrl", form.statusUrl().strip());
    }
    if (form.allTenants()) {
      body.put("allTenants", true);
    } else {
      body.put("tenantIds", form.tenantList());
    }
    try {
      var accepted =
          api.http()
              .post()
              .uri("/api/incidents")
              .header(
                  "Idempotency-Key",
                  form.requestKey() == null ? UUID.randomUUID().toString() : form.requestKey())
              .body(body)
              .retrieve()
              .body(JSON_OBJECT);
      return "redirect:/incidents/" + accepted.get("incidentId");
    } catch (ServiceProblem problem) {
      if (problem.status() != 400) {
        throw problem;
      }
      var field = problem.field() == null ? "form" : problem.field();
      return showForm(model, form, Map.of(field, problem.fieldMessage()));
    }
  }

  private static String showForm(Model model, IncidentForm form, Map<String, String> problems) {
    model.addAttribute("form", form);
    model.addAttribute("problems", problems);
    model.addAttribute("kinds", IncidentKind.values());
    model.addAttribute("severities", Severity.values());
    return "incident-new";
  }
}
