package alerting.identity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page lists the demo people, so someone trying the system knows whom to be. */
@Controller
class LoginController {
  private final IdentitySettings settings;

  LoginController(IdentitySettings settings) {
    this.settings = settings;
  }

  @GetMapping("/login")
  String login(Model model) {
    model.addAttribute("people", settings.people());
    model.addAttribute("password", settings.demoPassword());
    return "login";
  }
}
