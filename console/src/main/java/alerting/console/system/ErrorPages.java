package alerting.console.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.client.ResourceAccessException;

/**
 * A refusal a page did not handle itself becomes a readable page, never a stack trace; a token the
 * services no longer accept (expired, or the provider restarted) means signing in again.
 */
@ControllerAdvice
class ErrorPages {

  @ExceptionHandler(ServiceProblem.class)
  String refused(
      ServiceProblem problem,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    if (problem.status() == 401) {
      new SecurityContextLogoutHandler().logout(request, response, null);
      return "redirect:/";
    }
    response.setStatus(problem.status() >= 500 ? 502 : problem.status());
    model.addAttribute("problemTitle", problem.title());
    model.addAttribute("message", problem.getMessage());
    return "problem";
  }

  @ExceptionHandler(ResourceAccessException.class)
  String unreachable(ResourceAccessException e, HttpServletResponse response, Model model) {
    response.setStatus(502);
    model.addAttribute("problemTitle", "A service is not answering");
    model.addAttribute(
        "message", "The console could not reach a service it needs. Try again in a moment.");
    return "problem";
  }
}
