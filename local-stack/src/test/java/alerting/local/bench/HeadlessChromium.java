package alerting.local.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A responder's headless Chromium (Debian's chromium and chromium-driver, as in the console's
 * browser tests): signs in at the identity provider, loads pages and reads the browser's own timings.
 */
final class HeadlessChromium implements AutoCloseable {
  /** One navigation as the browser measured it, in milliseconds. */
  record PageTiming(double firstByte, double lastByte, double load) {}

  private final ChromeDriver driver;
  private final WebDriverWait wait;

  HeadlessChromium() {
    var options = new ChromeOptions();
    options.setBinary(Path.of("/usr/bin/chromium").toFile());
    // a closed network: no background connections, no first-run or update checks
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--window-size=1280,900");
    var service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).build();
    this.driver = new ChromeDriver(service, options);
    this.wait = new WebDriverWait(driver, Duration.ofSeconds(30));
  }

  /** Signs in at the identity provider the console sends everyone to. */
  void signIn(String consoleUrl, String user, String password) {
    driver.get(consoleUrl + "/");
    wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("username"))).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys(password);
    driver.findElement(By.cssSelector("button[type=submit]")).click();
    wait.until(d -> d.getCurrentUrl().startsWith(consoleUrl));
    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("main h1")));
  }

  /**
   * Loads {@code url} afresh (from a blank page, so nothing of the last load is reused) and returns
   * the Navigation Timing of it: request sent to the response's first and last byte, and the whole load.
   */
  PageTiming load(String url) {
    driver.get("about:blank");
    driver.get(url);
    wait.until(d -> number(js("var n = performance.getEntriesByType('navigation')[0];"
        + " return n && n.loadEventEnd > 0 ? n.loadEventEnd : 0;")) > 0);
    @SuppressWarnings("unchecked")
    var n = (Map<String, Object>) js("var n = performance.getEntriesByType('navigation')[0];"
        + " return {first: n.responseStart - n.requestStart, last: n.responseEnd - n.requestStart,"
        + " load: n.loadEventEnd - n.startTime};");
    return new PageTiming(number(n.get("first")), number(n.get("last")), number(n.get("load")));
  }

  /** The text of the element with this id as it is now, or null when the page has none. */
  String textOf(String id) {
    return (String) js("var e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
  }

  String title() {
    return driver.getTitle();
  }

  String url() {
    return driver.getCurrentUrl();
  }

  private Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  private static double number(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
  }

  @Override
  public void close() {
    driver.quit();
  }
}
