package livechat.http.browser;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
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
 * A site set up without curl: the admin page enables languages, creates a channel and an operator;
 * it keeps canned responses and webhooks; then it reads the conversations, a transcript and the
 * reports.
 */
class AdminPageInTheBrowserTest {

  private static ApiTestServer server;
  private static String node;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("browser_admin", List.of());
    node = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theAdminSetsUpASiteAndTheNewOperatorSignsIn() {
    String login = "claire-" + UUID.randomUUID();
    try (Browser browser = Browser.open("en-US")) {
      browser.go(node + "/console/admin");
      browser.visible("input#admin-token").sendKeys("not the token");
      browser.visible("button#admin-sign-in").click();
      browser.visible(".form-error");
      browser.visible("input#admin-token").clear();
      browser.visible("input#admin-token").sendKeys(ApiTestServer.ADMIN_TOKEN);
      browser.visible("button#admin-sign-in").click();

      browser.visible("#languages input[type=checkbox][value=de_DE]").click();
      browser.visible("button#save-languages").click();
      browser.await("de_DE is enabled", d -> enabledLanguages().contains("\"de_DE\""));

      WebElement channelName = browser.visible("form#create-channel input[name=name]");
      channelName.sendKeys("Support");
      channelName.submit();
      browser.await(
          "the channel is listed",
          d ->
              browser.all("table#channel-list tr[data-channel-id]").stream()
                  .anyMatch(row -> row.getText().contains("Support")));

      browser.visible("form#create-operator input[name=login]").sendKeys(login);
      browser.visible("form#create-operator input[name=name]").sendKeys("Claire Petit");
      browser.visible("form#create-operator input[name=password]").sendKeys("a good password");
      browser.await(
          "the main language offers de_DE",
          d ->
              new Select(browser.visible("form#create-operator select[name=mainLanguage]"))
                  .getOptions().stream()
                      .anyMatch(option -> "de_DE".equals(option.getAttribute("value"))));
      new Select(browser.visible("form#create-operator select[name=mainLanguage]"))
          .selectByValue("de_DE");
      browser.visible("form#create-operator input[name=capacity]").sendKeys("3");
      browser.visible("form#create-operator button[type=submit]").click();
      browser.await(
          "the operator is created",
          d -> browser.visible("form#create-operator .form-result.ok").getText().contains(login));
      browser.screenshot("console-admin");
    }

    JsonNode session =
        expect(
            200,
            new ApiClient(server, null)
                .post(
                    "/api/auth/login",
                    "{\"login\": \"" + login + "\", \"password\": \"a good password\"}"));
    JsonNode profile =
        expect(200, new ApiClient(server, session.get("token").asText()).get("/api/me"));
    assertEquals("Claire Petit", profile.get("name").asText());
    assertEquals("de_DE", profile.get("mainLanguage").asText());
    assertEquals(3, profile.get("capacity").asInt());
    assertTrue(
        expect(200, new ApiClient(server, ApiTestServer.ADMIN_TOKEN).get("/api/channels"))
            .findValuesAsText("name")
            .contains("Support"));
  }

  @Test
  void theAdminAddsEditsAndDeletesCannedResponses() {
    try (Browser browser = Browser.open("en-US")) {
      browser.go(node + "/console/admin");
      browser.visible("input#admin-token").sendKeys(ApiTestServer.ADMIN_TOKEN);
      browser.visible("button#admin-sign-in").click();
      browser.visible("#canned-responses");

      addCannedResponse(browser, "thanks", "Thank you for your visit!");
      browser.await("thanks is listed", d -> !cannedRows(browser, "thanks").isEmpty());
      addCannedResponse(browser, "thanks", "Another text");
      browser.await(
          "a taken shortcut is refused",
          d -> browser.visible("#canned-form .form-result.fail").getText().contains("thanks"));
      browser.visible("#canned-shortcut").clear();
      addCannedResponse(browser, "Bad Shortcut", "Text");
      browser.await(
          "a bad shortcut is explained",
          d -> browser.visible("#canned-form .form-result.fail").getText().contains("lowercase"));

      cannedRows(browser, "thanks").get(0).findElement(By.cssSelector("button.edit")).click();
      WebElement text = browser.visible("#canned-text");
      text.clear();
      text.sendKeys("Thanks, and see you soon!");
      browser.visible("#canned-save").click();
      browser.await(
          "the edit is listed",
          d -> cannedRows(browser, "thanks").get(0).getText().contains("see you soon"));
      browser.screenshot("console-admin-canned-responses");

      WebElement delete =
          cannedRows(browser, "thanks").get(0).findElement(By.cssSelector("button.delete"));
      delete.click();
      browser.await(
          "deleting asks for a second click",
          d ->
              cannedRows(browser, "thanks")
                  .get(0)
                  .findElement(By.cssSelector("button.delete"))
                  .getText()
                  .contains("Really"));
      cannedRows(browser, "thanks").get(0).findElement(By.cssSelector("button.delete")).click();
      browser.await("thanks is gone", d -> cannedRows(browser, "thanks").isEmpty());
    }
    JsonNode listed =
        expect(200, new ApiClient(server, ApiTestServer.ADMIN_TOKEN).get("/api/canned-responses"));
    assertTrue(listed.findValuesAsText("shortcut").stream().noneMatch("thanks"::equals));
  }

  @Test
  void theAdminRegistersAndRemovesAWebhook() {
    String url = "https://crm.example.com/livechat";
    ApiClient admin = new ApiClient(server, ApiTestServer.ADMIN_TOKEN);
    try (Browser browser = Browser.open("en-US")) {
      browser.go(node + "/console/admin");
      browser.visible("input#admin-token").sendKeys(ApiTestServer.ADMIN_TOKEN);
      browser.visible("button#admin-sign-in").click();
      browser.visible("#webhooks");
      browser.await(
          "no webhook is listed yet",
          d -> browser.visible("#webhook-list-state").getText().contains("No webhooks"));

      browser.visible("#webhook-url").sendKeys(url);
      browser.visible("#webhook-generate").click();
      WebElement secret = browser.visible("#webhook-secret");
      assertTrue(secret.getDomProperty("value").matches("[0-9a-f]{64}"));
      browser.visible("#webhook-events input[value=\"conversation.message\"]").click();
      browser.visible("#webhook-events input[value=\"operator.disconnected\"]").click();
      browser.visible("#webhook-save").click();
      browser.await(
          "the webhook is listed, never delivered yet",
          d ->
              webhookRow(browser, url)
                  .findElement(By.cssSelector(".webhook-delivery"))
                  .getText()
                  .equals("never yet"));
      assertTrue(browser.visible("#webhook-form .form-result.ok").getText().contains(url));
      assertEquals("", browser.visible("#webhook-secret").getDomProperty("value"));

      JsonNode registered = webhookNamed(expect(200, admin.get("/api/admin/webhooks")), url);
      List<String> events = new ArrayList<>();
      registered.get("events").forEach(type -> events.add(type.asText()));
      assertEquals(
          List.of(
              "conversation.started",
              "conversation.assigned",
              "conversation.transferred",
              "conversation.closed",
              "conversation.rated"),
          events);
      assertTrue(registered.get("lastDelivery").isNull());
      assertFalse(registered.has("secret"));
      browser.script("document.getElementById('webhooks').scrollIntoView()");
      browser.screenshot("console-admin-webhooks");

      browser.visible("#webhook-url").sendKeys("crm.example.com/livechat");
      browser.visible("#webhook-secret").sendKeys("a secret");
      browser.visible("#webhook-save").click();
      browser.await(
          "a malformed url is explained",
          d ->
              browser
                  .visible("#webhook-form .form-result.fail")
                  .getText()
                  .contains("http or https"));
      assertEquals(1, expect(200, admin.get("/api/admin/webhooks")).size());

      browser.visible("#webhook-url").clear();
      webhookRow(browser, url).findElement(By.cssSelector("button.delete")).click();
      browser.await(
          "deleting asks for a second click",
          d ->
              webhookRow(browser, url)
                  .findElement(By.cssSelector("button.delete"))
                  .getText()
                  .contains("Really"));
      webhookRow(browser, url).findElement(By.cssSelector("button.delete")).click();
      browser.await("the webhook is gone", d -> webhookRows(browser, url).isEmpty());
      browser.visible("#webhook-list-state");
    }
    assertEquals(0, expect(200, admin.get("/api/admin/webhooks")).size());
  }

  @Test
  void theAdminReadsTheConversationsATranscriptAndTheReports() {
    ChatFixture fixture = new ChatFixture(server);
    String channelId = fixture.channel("Reported");
    ApiClient marc = fixture.operator("Marc Report", channelId);
    JsonNode started = fixture.startConversation(channelId);
    String conversationId = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(server, started.get("visitorToken").asText());
    expect(
        201,
        visitor.post(
            "/api/conversations/" + conversationId + "/messages",
            "{\"text\": \"Where is my parcel?\", \"clientMessageId\": \"v1\"}"));
    expect(
        201,
        marc.post(
            "/api/conversations/" + conversationId + "/messages",
            "{\"text\": \"On its way.\", \"clientMessageId\": \"o1\"}"));
    expect(200, marc.post("/api/conversations/" + conversationId + "/close", ""));
    expect(204, visitor.post("/api/conversations/" + conversationId + "/rating", "{\"value\": 5}"));

    try (Browser browser = Browser.open("en-US")) {
      browser.go(node + "/console/admin");
      browser.visible("input#admin-token").sendKeys(ApiTestServer.ADMIN_TOKEN);
      browser.visible("button#admin-sign-in").click();

      String row = "#conversation-list tr[data-conversation-id=\"" + conversationId + "\"]";
      awaitAskingAgain(
          browser,
          "the closed conversation is listed",
          "admin-conversation-list",
          "#apply-filters",
          () -> !browser.all(row).isEmpty() && browser.visible(row).getText().contains("closed"));
      new Select(browser.visible("#filter-status")).selectByValue("waiting");
      browser.visible("#apply-filters").click();
      awaitAskingAgain(
          browser,
          "a filter with no match says so",
          "admin-conversation-list",
          "#apply-filters",
          () -> browser.visible("#conversation-list-state").getText().contains("No conversations"));
      new Select(browser.visible("#filter-status")).selectByValue("closed");
      browser.visible("#apply-filters").click();
      browser.visible(row + " button").click();
      browser.await(
          "the transcript shows every message",
          d -> browser.all("#transcript-messages li").size() == 3);
      assertTrue(browser.visible("#transcript-summary").getText().contains("rated 5"));
      assertEquals(
          "On its way.", browser.all("#transcript-messages li .transcript-text").get(1).getText());

      String reportRow = "#channel-report tr[data-channel-id=\"" + channelId + "\"]";
      awaitAskingAgain(
          browser,
          "the channel report counts the conversation, the operator report lists Marc and the"
              + " chart counts the day's conversation",
          "admin-reports",
          "#show-reports",
          () ->
              !browser.all(reportRow).isEmpty()
                  && browser.visible(reportRow).getText().startsWith("Reported 1 1 0 2")
                  && browser.visible("#operator-report").getText().contains("Marc Report")
                  && "1"
                      .equals(
                          browser.visible("#conversations-per-day").getAttribute("data-total")));
      assertEquals(Boolean.TRUE, browser.script("return typeof window.Chart === 'function'"));
      browser.screenshot("console-admin-conversations");
      browser.script("document.getElementById('reports-heading').scrollIntoView()");
      browser.screenshot("console-admin-reports");
    }
  }

  /**
   * Waits until {@code shown} holds, clicking the button that loads the component's data again
   * whenever it does not yet and no load is under way: the read side may record what the page shows
   * in several polls, and a wait that clicked every time it looked could start each load before the
   * last one answered.
   */
  private static void awaitAskingAgain(
      Browser browser, String what, String component, String button, BooleanSupplier shown) {
    browser.await(
        what,
        d -> {
          if (shown.getAsBoolean()) {
            return true;
          }
          if (d.findElement(By.cssSelector(component)).getAttribute("aria-busy") == null) {
            browser.visible(button).click();
          }
          return false;
        });
  }

  private static void addCannedResponse(Browser browser, String shortcut, String text) {
    WebElement shortcutInput = browser.visible("#canned-shortcut");
    shortcutInput.clear();
    shortcutInput.sendKeys(shortcut);
    WebElement textInput = browser.visible("#canned-text");
    textInput.clear();
    textInput.sendKeys(text);
    browser.visible("#canned-save").click();
  }

  private static List<WebElement> cannedRows(Browser browser, String shortcut) {
    return browser.all("#canned-list tr[data-shortcut=\"" + shortcut + "\"]");
  }

  private static List<WebElement> webhookRows(Browser browser, String url) {
    return browser.all(webhookRowSelector(url));
  }

  /** The row of the webhook to {@code url}; a wait goes on polling while there is none. */
  private static WebElement webhookRow(Browser browser, String url) {
    return browser.driver().findElement(By.cssSelector(webhookRowSelector(url)));
  }

  private static String webhookRowSelector(String url) {
    return "#webhook-list tr[data-url=\"" + url + "\"]";
  }

  private static JsonNode webhookNamed(JsonNode listed, String url) {
    for (JsonNode webhook : listed) {
      if (url.equals(webhook.get("url").asText())) {
        return webhook;
      }
    }
    throw new AssertionError("no webhook to " + url + " in " + listed);
  }

  private static String enabledLanguages() {
    return expect(200, server.get("/api/languages")).get("enabled").toString();
  }
}
