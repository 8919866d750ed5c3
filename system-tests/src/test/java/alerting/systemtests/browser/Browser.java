package alerting.systemtests.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One person's headless Chromium (Debian's chromium and chromium-driver, which .ci/run installs):
 * sign in, look for accessibility problems with axe-core, and keep screenshots for the README. The
 * board benchmark drives its browser through this one too.
 */
public final class Browser implements AutoCloseable {
  public static final Dimension DESKTOP = new Dimension(1280, 900);
  public static final Dimension PHONE = new Dimension(360, 780);

  /** Screenshots land in the repository, where the README shows them. */
  static final Path SCREENSHOTS =
      Path.of(System.getProperty("screenshots.dir", "../docs/screenshots"));

  public final ChromeDriver driver;
  public final WebDriverWait wait;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(20));
    // a form's POST replaces the page under a waiting condition: what it read a moment ago is
    // gone, so it reads again instead of failing
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
  }

  public static Browser open(Dimension size) {
    var options = new ChromeOptions();
    options.setBinary(Path.of("/usr/bin/chromium").toFile());
    // a closed network: no background connections, no first-run or update checks
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--hide-scrollbars",
        "--window-size=" + size.width + "," + size.height);
    var service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile())
            .build();
    var driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(size);
    return new Browser(driver);
  }

  /** Signs in at the identity provider the console sends everyone to. */
  public Browser signIn(String consoleUrl, String user) {
    driver.get(consoleUrl + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys("demo");
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().startsWith(consoleUrl));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
    return this;
  }

  public WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  public void go(String url) {
    driver.get(url);
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("h1")));
  }

  String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  /** No serious or critical axe-core violation, and nothing wider than the window. */
  void assertAccessible(String page) {
    var results =
        new AxeBuilder()
            .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"))
            .analyze(driver);
    var bad =
        results.getViolations().stream()
            .filter(r -> "serious".equals(r.getImpact()) || "critical".equals(r.getImpact()))
            .map(Browser::describe)
            .toList();
    assertThat(bad).as("axe-core on " + page).isEmpty();
    var overflow =
        (Boolean)
            ((JavascriptExecutor) driver)
                .executeScript(
                    "return document.documentElement.scrollWidth > document.documentElement.clientWidth;");
    assertThat(overflow).as("horizontal scroll on " + page).isFalse();
  }

  /** The page at desktop and at phone width, into docs/screenshots. */
  void screenshots(String name) {
    var original = driver.manage().window().getSize();
    try {
      Files.createDirectories(SCREENSHOTS);
      for (var size : List.of(DESKTOP, PHONE)) {
        driver.manage().window().setSize(size);
        var png = driver.getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name + (size == PHONE ? "-360.png" : "-desktop.png")), png);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(original);
    }
  }

  /** Both at once: every page a test visits is checked and pictured. */
  public void check(String name) {
    assertAccessible(name);
    screenshots(name);
  }

  private static String describe(Rule rule) {
    return rule.getId()
        + " ("
        + rule.getImpact()
        + "): "
        + rule.getHelp()
        + " at "
        + rule.getNodes().stream().map(n -> String.valueOf(n.getTarget())).limit(3).toList();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
