package alerting.systemtests.bench;

import alerting.systemtests.browser.Browser;
import java.util.Map;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * A responder's headless Chromium, the console's browser tests' own: signs in at the identity
 * provider, loads pages and reads the browser's own timings.
 */
final class HeadlessChromium implements AutoCloseable {
  /** One navigation as the browser measured it, in milliseconds. */
  record PageTiming(double firstByte, double lastByte, double load) {}

  private final Browser browser;
  private final ChromeDriver driver;

  HeadlessChromium() {
    this.browser = Browser.open(Browser.DESKTOP);
    this.driver = browser.driver;
  }

  /** Signs in at the identity provider the console sends everyone to (demo password). */
  void signIn(String consoleUrl, String user) {
    browser.signIn(consoleUrl, user);
  }

  /**
   * Loads {@code url} afresh (from a blank page, so nothing of the last load is reused) and returns
   * the Navigation Timing of it: request sent to the response's first and last byte, and the whole
   * load.
   */
  PageTiming load(String url) {
    driver.get("about:blank");
    driver.get(url);
    browser.wait.until(
        d ->
            number(
                    js(
                        "var n = performance.getEntriesByType('navigation')[0];"
                            + " return n && n.loadEventEnd > 0 ? n.loadEventEnd : 0;"))
                > 0);
    @SuppressWarnings("unchecked")
    var n =
        (Map<String, Object>)
            js(
                "var n = performance.getEntriesByType('navigation')[0];"
                    + " return {first: n.responseStart - n.requestStart, last: n.responseEnd - n.requestStart,"
                    + " load: n.loadEventEnd - n.startTime};");
    return new PageTiming(number(n.get("first")), number(n.get("last")), number(n.get("load")));
  }

  /** The text of the element with this id as it is now, or null when the page has none. */
  String textOf(String id) {
    return (String)
        js("var e = document.getElementById(arguments[0]); return e ? e.textContent : null;", id);
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
    browser.close();
  }
}
