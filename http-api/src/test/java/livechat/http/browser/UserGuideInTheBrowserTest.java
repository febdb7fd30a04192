package livechat.http.browser;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The user guide ("Participate in live chat") in real browsers: operators in the console served by
 * the node, visitors in the widget embedded in a customer's site on another origin, the only origin
 * the node allows.
 */
class UserGuideInTheBrowserTest {

  private static CustomerSite site;
  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static String node;

  @BeforeAll
  static void start() throws Exception {
    site = CustomerSite.start();
    server =
        ApiTestServer.start(
            "browser_story",
            List.of(),
            ConfigFactory.parseString(
                "livechat.http.cors.allowed-origins = \"" + site.origin() + "\""));
    fixture = new ChatFixture(server);
    node = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
    site.close();
  }

  @Test
  void operatorsAnswerVisitorsOfACustomersSite() {
    expect(
        200, fixture.admin().put("/api/admin/languages", "{\"enabled\": [\"en_US\", \"fr_FR\"]}"));
    String channelId = fixture.channel("Website");
    site.embed(node, channelId);
    String marcLogin = fixture.account("Marc Dupont", null);
    String anneLogin = fixture.account("Anne Martin", null);
    ApiClient marcApi = fixture.logIn(marcLogin, server.uri(""));

    try (Browser marcBrowser = Browser.open("en-US");
        Browser visitorBrowser = Browser.open("en-US")) {
      ConsolePage marc = new ConsolePage(marcBrowser, node);
      WidgetPage visitor = new WidgetPage(visitorBrowser);

      // Preferences: an online chat name, and languages among the enabled ones only
      marc.signIn(marcLogin, ChatFixture.PASSWORD, "Marc Dupont");
      marc.openPreferences();
      assertEquals(List.of("en_US", "fr_FR"), marc.optionValues("select#main-language"));
      assertEquals(
          Set.of("en_US", "fr_FR"),
          Set.copyOf(marc.checkboxValues("#chat-languages input[type=checkbox]")));
      WebElement name = marcBrowser.visible("input#online-chat-name");
      name.clear();
      name.sendKeys("Marc");
      marcBrowser.await(
          "the page says visitors will see Marc",
          d -> marcBrowser.visible("#online-chat-name-hint").getText().contains("Marc"));
      marcBrowser.visible("#chat-languages input[type=checkbox][value=fr_FR]").click();
      marcBrowser.visible("button#save-preferences").click();
      marcBrowser.await(
          "the preferences are saved",
          d -> marcBrowser.visible("#preferences-status").getText().contains("Saved"));
      marcBrowser.screenshot("console-preferences");
      JsonNode profile = expect(200, marcApi.get("/api/me"));
      assertEquals("Marc", profile.get("displayName").asText());
      assertEquals("fr_FR", profile.get("chatLanguages").get(0).asText());

      // Channels: join from the channel's card
      marc.openChannels();
      marc.joinOrLeave(channelId, "join", "leave");
      marcBrowser.await(
          "Marc counts on the card", d -> marc.cardNumber(channelId, ".channel-operators") == 1);
      marcBrowser.screenshot("console-channels");

      // A visitor writes; a chat window opens bottom right; Marc replies
      visitor.open(site.url("/"));
      visitor.openPanel();
      visitor.awaitState("idle");
      visitor.visible("input.visitor-name").sendKeys("Anna");
      visitor.write("Hello, do you ship to Belgium?");
      visitor.awaitState("active");
      visitor.awaitStatusLine("Marc");
      String conversationId = onlyConversationOf(marcApi);
      String window = marc.windowCss(conversationId);
      marc.awaitMessage(window, "Hello, do you ship to Belgium?");
      assertDockedBottomRight(marcBrowser, marc.chatWindow(conversationId));
      assertEquals("Anna", marcBrowser.visible(window + " .chat-title").getText().trim());
      marc.write(window, "Yes, in two days.");
      visitor.awaitMessage("Yes, in two days.");
      assertEquals(
          "Marc",
          visitor.thread().stream()
              .filter(m -> m.text().equals("Yes, in two days."))
              .findFirst()
              .orElseThrow()
              .author());
      marcBrowser.screenshot("console-chat-window");
      visitorBrowser.screenshot("widget-conversation");

      // Unread: bold under LIVECHAT until opened
      marcBrowser.visible(window + " button.close-window").click();
      marcBrowser.await(
          "the window is closed", d -> d.findElements(By.cssSelector(window)).isEmpty());
      visitor.write("And to France?");
      marc.awaitMessage(window, "And to France?");
      marcBrowser.await("the conversation is unread", d -> isUnread(marc, conversationId));
      assertEquals("700", marc.inboxItem(conversationId).getCssValue("font-weight"));
      assertEquals("LIVECHAT", marcBrowser.visible("live-inbox h2").getText().trim().toUpperCase());
      marcBrowser.screenshot("console-inbox-unread");
      marc.inboxItem(conversationId).click();
      String view = marc.viewCss(conversationId);
      marc.awaitMessage(view, "And to France?");
      marcBrowser.await("the conversation is read", d -> !isUnread(marc, conversationId));
      assertEquals("400", marc.inboxItem(conversationId).getCssValue("font-weight"));
      marc.write(view, "France too.");
      visitor.awaitMessage("France too.");
      marc.awaitMessage(view, "France too.");
      marcBrowser.screenshot("console-inbox-thread");

      // Both pages reloaded mid-conversation: the same history, nothing twice
      List<ShownMessage> visitorBefore = visitor.thread();
      List<ShownMessage> marcBefore = marc.thread(view);
      assertEquals(4, visitorBefore.size());
      assertEquals(seqsAndTexts(visitorBefore), seqsAndTexts(marcBefore));
      visitorBrowser.reload();
      marcBrowser.reload();
      visitor.awaitState("active");
      visitor.openPanel();
      visitorBrowser.await("the widget shows its history", d -> visitor.thread().size() >= 4);
      marcBrowser.await("the console shows its history", d -> marc.thread(view).size() >= 4);
      assertEquals(visitorBefore, visitor.thread());
      assertEquals(marcBefore, marc.thread(view));
      visitor.write("Thanks!");
      marc.awaitMessage(view, "Thanks!");
      visitor.awaitMessage("Thanks!");
      assertGapFreeOnce(visitor.thread(), 5);
      assertGapFreeOnce(marc.thread(view), 5);

      // After Leave, a new visitor waits and sees its position
      marc.openChannels();
      marc.joinOrLeave(channelId, "leave", "join");
      try (Browser secondVisitorBrowser = Browser.open("en-US");
          Browser anneBrowser = Browser.open("en-US")) {
        WidgetPage secondVisitor = new WidgetPage(secondVisitorBrowser);
        secondVisitor.open(site.url("/pricing"));
        secondVisitor.openPanel();
        secondVisitor.awaitState("away");
        secondVisitor.visible(".away-notice");
        secondVisitorBrowser.screenshot("widget-away");
        secondVisitor.write("Is anyone there?");
        secondVisitor.awaitState("waiting");
        secondVisitor.awaitStatusLine("1");
        secondVisitorBrowser.screenshot("widget-waiting");

        // Anne joins: the waiting visitor is hers; Marc transfers his visitor to her
        ConsolePage anne = new ConsolePage(anneBrowser, node);
        anne.signIn(anneLogin, ChatFixture.PASSWORD, "Anne Martin");
        anne.openChannels();
        anne.joinOrLeave(channelId, "join", "leave");
        secondVisitor.awaitState("active");
        secondVisitor.awaitStatusLine("Anne Martin");

        // from the chat window, which stays on every page
        marcBrowser.visible(window + " button.transfer").click();
        String anneId =
            expect(200, fixture.logIn(anneLogin, server.uri("")).get("/api/me")).get("id").asText();
        String targets = window + " select.transfer-target";
        marcBrowser.await(
            "Anne is offered as a target",
            d ->
                new Select(marcBrowser.visible(targets))
                    .getOptions().stream().anyMatch(o -> anneId.equals(o.getAttribute("value"))));
        new Select(marcBrowser.visible(targets)).selectByValue(anneId);
        marcBrowser.visible(window + " button.transfer-confirm").click();
        visitor.awaitStatusLine("Anne Martin");
        String anneWindow = anne.windowCss(conversationId);
        anne.awaitMessage(anneWindow, "Thanks!");
        assertEquals(
            List.of("Hello, do you ship to Belgium?", "Yes, in two days.", "And to France?"),
            anne.thread(anneWindow).stream().map(ShownMessage::text).toList().subList(0, 3));

        // Anne closes; the visitor rates; Anne sees the rating
        anneBrowser.visible(anneWindow + " button.close-conversation").click();
        visitor.awaitState("closed");
        visitor.visible(".ended");
        visitor.visible("button.rate[data-value=\"5\"]").click();
        visitor.visible("textarea.rating-comment").sendKeys("Very helpful");
        visitor.visible("button.submit-rating").click();
        visitor.visible(".rating-thanks");
        visitorBrowser.screenshot("widget-rated");
        anneBrowser.await(
            "Anne sees the rating",
            d -> {
              String rating = anneBrowser.visible(anneWindow + " .rating").getText();
              return rating.contains("5/5") && rating.contains("Very helpful");
            });
        anneBrowser.screenshot("console-rating");
      }
    }
  }

  private static boolean isUnread(ConsolePage console, String conversationId) {
    WebElement item = console.inboxItem(conversationId);
    return item.getAttribute("class").contains("unread")
        && !item.findElements(By.cssSelector(".unread-count")).isEmpty();
  }

  private static String onlyConversationOf(ApiClient operator) {
    JsonNode inbox = expect(200, operator.get("/api/conversations"));
    assertEquals(1, inbox.size(), "inbox: " + inbox);
    return inbox.get(0).get("id").asText();
  }

  /** The window's bottom right corner is in the viewport's bottom right quarter. */
  private static void assertDockedBottomRight(Browser browser, WebElement window) {
    @SuppressWarnings("unchecked")
    List<Number> box =
        (List<Number>)
            browser.script(
                "const r = arguments[0].getBoundingClientRect();"
                    + " return [r.right, r.bottom, window.innerWidth, window.innerHeight];",
                window);
    assertTrue(box.get(0).doubleValue() > box.get(2).doubleValue() * 0.75, "right: " + box);
    assertTrue(box.get(1).doubleValue() > box.get(3).doubleValue() * 0.75, "bottom: " + box);
    assertTrue(box.get(0).doubleValue() <= box.get(2).doubleValue(), "inside: " + box);
  }

  /** The visitor sees its own messages as "You": compare what both sides share. */
  private static List<String> seqsAndTexts(List<ShownMessage> thread) {
    return thread.stream().map(message -> message.seq() + ": " + message.text()).toList();
  }

  private static void assertGapFreeOnce(List<ShownMessage> thread, int count) {
    assertEquals(
        List.of(1L, 2L, 3L, 4L, 5L).subList(0, count),
        thread.stream().map(ShownMessage::seq).collect(Collectors.toList()));
  }
}
