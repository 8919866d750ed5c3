package alerting.console.incidents;

import alerting.console.incidents.CoverageBoardController.Filter;
import alerting.console.system.ServiceApis.DispatcherApi;
import alerting.console.system.ServiceProblem;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Responders follow up on an open incident and close it from its board. Closing takes a second,
 * confirming step on the same page, because it stops every unacknowledged alert for good.
 */
@Controller
class IncidentFollowUpController {
  private final DispatcherApi api;
  private final BoardModel board;

  IncidentFollowUpController(DispatcherApi api, BoardModel board) {
    this.api = api;
    this.board = board;
  }

  /** The follow-up as typed, so a refused one comes back with nothing lost. */
  record FollowUpForm(String message, String statusUrl) {
    /** What needs no round trip; the dispatcher has the last word on the rest. */
    Map<String, String> problems() {
      var problems = new LinkedHashMap<String, String>();
      if (message == null || message.isBlank()) {
        problems.put(
            "message", "Write what has changed; everyone already alerted gets this message.");
      }
      if (statusUrl != null
          && !statusUrl.isBlank()
          && !statusUrl.strip().matches("(?i)https?://\\S+")) {
        problems.put("statusUrl", "The status page must be an http(s) address.");
      }
      return problems;
    }
  }

  @PostMapping("/incidents/{incidentId}/follow-ups")
  String followUp(
      @PathVariable String incidentId,
      @ModelAttribute FollowUpForm form,
      Model model,
      RedirectAttributes redirect) {
    var problems = form.problems();
    if (!problems.isEmpty()) {
      return showBoard(model, incidentId, form, problems, false);
    }
    var body = new LinkedHashMap<String, Object>();
    body.put("message", form.message().strip());
    if (form.statusUrl() != null && !form.statusUrl().isBlank()) {
      body.put("statusUrl", form.statusUrl().strip());
    }
    try {
      api.http()
          .post()
          .uri("/api/incidents/{id}/follow-ups", incidentId)
          .body(body)
          .retrieve()
          .toBodilessEntity();
    } catch (ServiceProblem problem) {
      return refused(problem, model, incidentId, form, false, redirect);
    }
    redirect.addFlashAttribute(
        "followUpSent",
        "Follow-up sent: everyone already alerted gets it by email "
            + "(or SMS where they have no email).");
    return "redirect:/incidents/" + incidentId + "#follow-up";
  }

  /** The confirming step: the board again, asking whether to close and saying what it does. */
  @GetMapping("/incidents/{incidentId}/close")
  String confirmClose(@PathVariable String incidentId, Model model) {
    return showBoard(model, incidentId, new FollowUpForm("", ""), Map.of(), true);
  }

  @PostMapping("/incidents/{incidentId}/close")
  String close(
      @PathVariable String incidentId,
      @RequestParam(required = false) String reason,
      Model model,
      RedirectAttributes redirect) {
    var body = new LinkedHashMap<String, Object>();
    if (reason != null && !reason.isBlank()) {
      body.put("reason", reason.strip());
    }
    try {
      api.http()
          .post()
          .uri("/api/incidents/{id}/close", incidentId)
          .body(body)
          .retrieve()
          .toBodilessEntity();
    } catch (ServiceProblem problem) {
      model.addAttribute("reason", reason);
      return refused(problem, model, incidentId, new FollowUpForm("", ""), true, redirect);
    }
    redirect.addFlashAttribute(
        "done",
        "Incident closed. Alerts not yet acknowledged stop escalating; "
            + "nobody is contacted about it again.");
    return "redirect:/incidents/" + incidentId;
  }

  /** Bad input goes back beside its field; an incident closed meanwhile just shows as closed. */
  private String refused(
      ServiceProblem problem,
      Model model,
      String incidentId,
      FollowUpForm form,
      boolean confirmClose,
      RedirectAttributes redirect) {
    if (problem.status() == 409) {
      redirect.addFlashAttribute("refused", "This incident is already closed; nothing was sent.");
      return "redirect:/incidents/" + incidentId;
    }
    if (problem.status() != 400) {
      throw problem;
    }
    var field = problem.field() == null ? "form" : problem.field();
    return showBoard(model, incidentId, form, Map.of(field, problem.fieldMessage()), confirmClose);
  }

  private String showBoard(
      Model model,
      String incidentId,
      FollowUpForm form,
      Map<String, String> problems,
      boolean confirmClose) {
    model.addAttribute("followUp", form);
    model.addAttribute("problems", problems);
    model.addAttribute("confirmClose", confirmClose);
    board.fill(model, incidentId, new Filter(null, null, null, 0));
    return "incident-board";
  }
}
