package livechat.http.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;

/** A customer's page with the chat widget, as a visitor uses it, in one browser. */
public final class WidgetPage {

  private static final String HOST = "livechat-widget";

  private final Browser browser;

  public WidgetPage(Browser browser) {
    this.browser = browser;
  }

  public Browser browser() {
    return browser;
  }

  public void open(String url) {
    browser.go(url);
    browser.visibleInShadow(HOST, "button.launcher");
  }

  public void openPanel() {
    if (!panel().isDisplayed()) {
      browser.visibleInShadow(HOST, "button.launcher").click();
    }
    browser.visibleInShadow(HOST, ".panel");
  }

  /**
   * Follows a link of the customer's page to another of its pages, at {@code path}, where the
   * widget loads again.
   */
  public void follow(String linkCss, String path) {
    browser.visible(linkCss).click();
    browser.await(
        "the page " + path + " is loaded",
        d ->
            d.getCurrentUrl().endsWith(path)
                && "complete".equals(browser.script("return document.readyState")));
    browser.visibleInShadow(HOST, "button.launcher");
  }

  public WebElement panel() {
    return shadow().findElement(By.cssSelector(".panel"));
  }

  public String state() {
    return browser.driver().findElement(By.cssSelector(HOST)).getAttribute("data-state");
  }

  public void awaitState(String state) {
    browser.await("the widget is " + state, d -> state.equals(state()));
  }

  public WebElement visible(String css) {
    return browser.visibleInShadow(HOST, css);
  }

  public String statusLine() {
    return visible(".status-line").getText();
  }

  public void awaitStatusLine(String text) {
    browser.await("the widget's status line says " + text, d -> statusLine().contains(text));
  }

  public void write(String text) {
    WebElement composer = visible("textarea.composer");
    composer.click();
    composer.sendKeys(text);
    composer.sendKeys(Keys.ENTER);
  }

  public List<ShownMessage> thread() {
    return ShownMessage.of(shadow().findElements(By.cssSelector(".messages .message[data-seq]")));
  }

  public void awaitMessage(String text) {
    browser.await(
        "the widget shows \"" + text + "\"",
        d -> thread().stream().anyMatch(line -> line.text().contains(text)));
  }

  public SearchContext shadow() {
    return browser.shadowOf(HOST);
  }
}
