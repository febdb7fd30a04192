package livechat.http.browser;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.Keys;

/**
 * An operator's tools in real browsers: a canned response inserted by its shortcut, and commands
 * (/history of the pages the visitor opened on a customer's site, /transfer to a colleague by name)
 * answered to the operator only, never shown to the visitor.
 */
class OperatorToolsInTheBrowserTest {

  private static CustomerSite site;
  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static String node;

  @BeforeAll
  static void start() throws Exception {
    site = CustomerSite.start();
    server =
        ApiTestServer.start(
            "browser_operator_tools",
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
  void anOperatorAnswersWithACannedResponseLooksUpTheVisitorsPagesAndTransfers() {
    String channelId = fixture.channel("Website");
    site.embed(node, channelId);
    expect(
        201,
        fixture
            .admin()
            .post(
                "/api/admin/canned-responses",
                "{\"shortcut\": \"shipping\", \"text\": \"We ship to all of Europe in two"
                    + " days.\"}"));
    expect(
        201,
        fixture
            .admin()
            .post(
                "/api/admin/canned-responses",
                "{\"shortcut\": \"hello\", \"text\": \"Hello! How can I help you?\"}"));
    String marcLogin = fixture.account("Marc Dupont", null);
    String anneLogin = fixture.account("Anne Martin", null);
    ApiClient marcApi = fixture.logIn(marcLogin, server.uri(""));
    expect(200, marcApi.post("/api/channels/" + channelId + "/join", ""));

    try (Browser marcBrowser = Browser.open("en-US");
        Browser visitorBrowser = Browser.open("en-US");
        Browser anneBrowser = Browser.open("en-US")) {
      ConsolePage marc = new ConsolePage(marcBrowser, node);
      WidgetPage visitor = new WidgetPage(visitorBrowser);
      marc.signIn(marcLogin, ChatFixture.PASSWORD, "Marc Dupont");
      // Anne's console is open long before the transfer, its socket connected; she joins the
      // channel only then, so that the visitor's chat goes to Marc
      ConsolePage anne = new ConsolePage(anneBrowser, node);
      anne.signIn(anneLogin, ChatFixture.PASSWORD, "Anne Martin");

      // The visitor writes from the home page, then opens the pricing page
      visitor.open(site.url("/"));
      visitor.openPanel();
      visitor.awaitState("idle");
      visitor.visible("input.visitor-name").sendKeys("Anna");
      visitor.write("Do you ship to Belgium?");
      visitor.awaitState("active");
      String conversationId =
          expect(200, marcApi.get("/api/conversations")).get(0).get("id").asText();
      String window = marc.windowCss(conversationId);
      marc.awaitMessage(window, "Do you ship to Belgium?");
      visitor.follow("a#pricing", "/pricing");
      visitor.awaitState("active");
      marcBrowser.await(
          "the server knows both pages",
          d ->
              expect(200, marcApi.get("/api/conversations/" + conversationId + "/pages")).size()
                  == 2);

      // ":" and the first letters suggest the canned response; Tab inserts it, editable
      marc.type(window, ":sh");
      assertEquals(List.of("shipping"), marc.awaitSuggestions(window));
      marcBrowser.screenshot("console-canned-suggestions");
      marc.type(window, Keys.TAB);
      marcBrowser.await(
          "the canned text replaces the shortcut",
          d -> marc.draft(window).equals("We ship to all of Europe in two days."));
      marc.type(window, " Belgium included!", Keys.ENTER);
      visitor.openPanel();
      visitor.awaitMessage("We ship to all of Europe in two days. Belgium included!");

      // /history, completed from "/hi": the pages the visitor opened, most recent first, for
      // Marc's eyes only
      marc.type(window, "/hi");
      assertEquals(List.of("history"), marc.awaitSuggestions(window));
      marc.type(window, Keys.TAB);
      marcBrowser.await("the command is completed", d -> marc.draft(window).equals("/history"));
      marc.type(window, Keys.ENTER);
      String history = marc.awaitCommandReply(window, "/history");
      int pricing = history.indexOf("Pricing - Example Shop — " + site.url("/pricing"));
      int home = history.indexOf("Home - Example Shop — " + site.url("/") + " (");
      assertTrue(pricing > 0 && home > pricing, history);
      assertEquals("", marc.draft(window));
      marcBrowser.screenshot("console-command-history");

      // /transfer by name: the conversation moves to Anne's console
      expect(
          200,
          fixture
              .logIn(anneLogin, server.uri(""))
              .post("/api/channels/" + channelId + "/join", ""));
      marc.write(window, "/transfer anne martin");
      assertEquals(
          "You transferred the conversation to Anne Martin.",
          marc.awaitCommandReply(window, "/transfer anne martin"));
      visitor.awaitStatusLine("Anne Martin");
      String anneWindow = anne.windowCss(conversationId);
      anne.awaitMessage(anneWindow, "Belgium included!");
      marcBrowser.await(
          "Marc's window says the conversation moved",
          d ->
              marcBrowser
                  .visible(window + " .conversation-status")
                  .getText()
                  .contains("Transferred to Anne Martin"));
      marcBrowser.screenshot("console-command-transfer");

      // The visitor never saw a command or its answer, and neither did Anne
      visitor.awaitMessage("transferred the conversation to Anne Martin");
      for (ShownMessage shown : visitor.thread()) {
        assertTrue(!shown.text().startsWith("/"), shown.toString());
        assertTrue(!shown.text().contains("Pricing - Example Shop"), shown.toString());
      }
      assertTrue(anneBrowser.all(anneWindow + " .message-note").isEmpty());
      JsonNode stored =
          expect(
                  200,
                  fixture
                      .logIn(anneLogin, server.uri(""))
                      .get("/api/conversations/" + conversationId + "/messages"))
              .get("messages");
      for (JsonNode message : stored) {
        assertTrue(!message.get("text").asText().startsWith("/"), message.toString());
      }
      visitorBrowser.screenshot("widget-after-commands");
    }
  }
}
