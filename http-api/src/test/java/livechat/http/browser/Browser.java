package livechat.http.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}), one profile per
 * instance, so two browsers are two people. Waits poll the page; nothing sleeps.
 */
public final class Browser implements AutoCloseable {

  private static final File CHROMIUM = new File("/usr/bin/chromium");
  private static final File CHROMEDRIVER = new File("/usr/bin/chromedriver");
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");

  private final ChromeDriver driver;

  private Browser(ChromeDriver driver) {
    this.driver = driver;
  }

  /**
   * A new browser whose pages ask for {@code language} first. Without Chromium the browser tests
   * are skipped on a developer's machine; in CI ({@code CI=true}), where {@code .ci/run} installs
   * it, they fail instead.
   */
  public static Browser open(String language) {
    boolean installed = CHROMIUM.canExecute() && CHROMEDRIVER.canExecute();
    if (!installed && !"true".equals(System.getenv("CI"))) {
      Assumptions.abort(
          "Browser tests need Debian's chromium and chromium-driver (apt-get install -y chromium"
              + " chromium-driver)");
    }
    System.setProperty("SE_OFFLINE", "true");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,900",
        "--lang=" + language);
    options.setExperimentalOption("prefs", Map.of("intl.accept_languages", language));
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER).build();
    return new Browser(new ChromeDriver(service, options));
  }

  public WebDriver driver() {
    return driver;
  }

  public void go(String url) {
    driver.get(url);
  }

  public void reload() {
    driver.navigate().refresh();
  }

  /** Waits until the condition holds (a non-null, non-false value) and returns it. */
  public <T> T await(String what, Function<WebDriver, T> condition) {
    return await(what, WAIT, condition);
  }

  /** Waits up to {@code timeout}, polling every quarter of a second. */
  public <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, timeout, Duration.ofMillis(250))
        .withMessage(what)
        .ignoring(org.openqa.selenium.NoSuchElementException.class)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.NoSuchShadowRootException.class)
        .until(condition);
  }

  /** Waits for a displayed element of the page. */
  public WebElement visible(String css) {
    return await(css + " is displayed", d -> displayed(d.findElements(By.cssSelector(css))));
  }

  /** Waits for a displayed element inside the shadow root of the first {@code host} element. */
  public WebElement visibleInShadow(String host, String css) {
    return await(
        css + " is displayed in " + host,
        d -> displayed(shadowOf(host).findElements(By.cssSelector(css))));
  }

  public SearchContext shadowOf(String host) {
    return driver.findElement(By.cssSelector(host)).getShadowRoot();
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  public Object script(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Saves a screenshot as {@code target/screenshots/<name>.png}. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path target = SCREENSHOTS.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          target,
          StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new IllegalStateException("cannot save the screenshot " + name, e);
    }
  }

  private static WebElement displayed(List<WebElement> elements) {
    return elements.stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
