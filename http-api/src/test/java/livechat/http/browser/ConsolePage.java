package livechat.http.browser;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The operator console as an operator uses it, in one browser. */
public final class ConsolePage {

  private final Browser browser;
  private final String nodeOrigin;

  public ConsolePage(Browser browser, String nodeOrigin) {
    this.browser = browser;
    this.nodeOrigin = nodeOrigin;
  }

  public Browser browser() {
    return browser;
  }

  public void signIn(String login, String password, String expectedName) {
    browser.go(nodeOrigin + "/console/");
    browser.visible("input#login").sendKeys(login);
    browser.visible("input#password").sendKeys(password);
    browser.visible("button#sign-in").click();
    browser.await(
        "the top bar shows " + expectedName,
        d -> browser.visible("#operator-display-name").getText().contains(expectedName));
  }

  public void openPreferences() {
    browser.visible("a#nav-preferences").click();
    browser.visible("input#online-chat-name");
  }

  public void openChannels() {
    browser.visible("a#nav-channels").click();
    browser.visible("channel-card");
  }

  public WebElement card(String channelId) {
    return browser.visible("channel-card[data-channel-id=\"" + channelId + "\"]");
  }

  /**
   * Clicks Join or Leave on the channel's card and waits for the other button. The card is drawn
   * again at every refresh of the page: a click on a button drawn over is tried again.
   */
  public void joinOrLeave(String channelId, String button, String then) {
    browser.await(
        "a click on " + button + " of " + channelId,
        d -> {
          card(channelId).findElement(By.cssSelector("button." + button)).click();
          return true;
        });
    awaitCardButton(channelId, then);
  }

  public void awaitCardButton(String channelId, String button) {
    browser.await(
        "the card of " + channelId + " offers " + button,
        d -> !card(channelId).findElements(By.cssSelector("button." + button)).isEmpty());
  }

  public int cardNumber(String channelId, String part) {
    return Integer.parseInt(card(channelId).findElement(By.cssSelector(part)).getText().trim());
  }

  public List<String> optionValues(String selectCss) {
    return new Select(browser.visible(selectCss))
        .getOptions().stream().map(option -> option.getAttribute("value")).toList();
  }

  public List<String> checkboxValues(String css) {
    return browser.all(css).stream().map(box -> box.getAttribute("value")).toList();
  }

  public String windowCss(String conversationId) {
    return "#chat-windows chat-window[data-conversation-id=\"" + conversationId + "\"]";
  }

  public WebElement chatWindow(String conversationId) {
    return browser.visible(windowCss(conversationId));
  }

  public String viewCss(String conversationId) {
    return "conversation-view[data-conversation-id=\"" + conversationId + "\"]";
  }

  public WebElement inboxItem(String conversationId) {
    return browser.visible(
        "live-inbox a.inbox-item[data-conversation-id=\"" + conversationId + "\"]");
  }

  /** Types a message in the composer inside {@code container} and sends it with Enter. */
  public void write(String containerCss, String text) {
    WebElement composer = browser.visible(containerCss + " textarea.composer");
    composer.click();
    composer.sendKeys(text);
    composer.sendKeys(Keys.ENTER);
  }

  /**
   * Types in the composer inside {@code container} without sending, where its caret is (a click
   * would move the caret to where it lands).
   */
  public WebElement type(String containerCss, CharSequence... keys) {
    WebElement composer = browser.visible(containerCss + " textarea.composer");
    if (!composer.equals(browser.driver().switchTo().activeElement())) {
      browser.script("arguments[0].focus()", composer);
    }
    composer.sendKeys(keys);
    return composer;
  }

  /** The text in the composer inside {@code container}, not yet sent. */
  public String draft(String containerCss) {
    return browser.visible(containerCss + " textarea.composer").getAttribute("value");
  }

  /** What the composer inside {@code container} suggests (shortcuts, commands), once it does. */
  public List<String> awaitSuggestions(String containerCss) {
    return browser.await(
        "suggestions are shown in " + containerCss,
        d -> {
          List<String> shortcuts =
              browser.all(containerCss + " composer-suggestions .suggestion").stream()
                  .filter(WebElement::isDisplayed)
                  .map(option -> option.getAttribute("data-key"))
                  .toList();
          return shortcuts.isEmpty() ? null : shortcuts;
        });
  }

  /**
   * Waits for the answer to {@code command}, shown only to this operator in {@code container}, and
   * returns it.
   */
  public String awaitCommandReply(String containerCss, String command) {
    return browser.await(
        "the answer to " + command + " is shown in " + containerCss,
        d ->
            browser.all(containerCss + " .message-note").stream()
                .filter(
                    note ->
                        note.findElement(By.cssSelector(".note-command")).getText().equals(command)
                            && "false".equals(note.getAttribute("aria-busy")))
                .map(note -> note.findElement(By.cssSelector(".note-reply")).getText())
                .reduce((first, last) -> last)
                .orElse(null));
  }

  /** The {@code seq}s and texts of the messages shown in {@code container}, in page order. */
  public List<ShownMessage> thread(String containerCss) {
    return ShownMessage.of(browser.all(containerCss + " .message[data-seq]"));
  }

  public void awaitMessage(String containerCss, String text) {
    browser.await(
        containerCss + " shows \"" + text + "\"",
        d -> thread(containerCss).stream().anyMatch(line -> line.text().contains(text)));
  }
}
