package livechat.http.browser;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
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
 * then it reads the conversations, a transcript and the reports.
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
      browser.await(
          "the closed conversation is listed",
          d -> {
            if (browser.all(row).isEmpty()) {
              browser.visible("#apply-filters").click();
              return false;
            }
            return browser.visible(row).getText().contains("closed");
          });
      new Select(browser.visible("#filter-status")).selectByValue("waiting");
      browser.visible("#apply-filters").click();
      browser.await(
          "a filter with no match says so",
          d -> browser.visible("#conversation-list-state").getText().contains("No conversations"));
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
      browser.await(
          "the channel report counts the conversation",
          d -> {
            if (browser.all(reportRow).isEmpty()
                || !browser.visible(reportRow).getText().startsWith("Reported 1 1 0 2")) {
              browser.visible("#show-reports").click();
              return false;
            }
            return true;
          });
      browser.await(
          "the operator report lists Marc",
          d -> browser.visible("#operator-report").getText().contains("Marc Report"));
      browser.await(
          "the chart counts the day's conversation",
          d -> "1".equals(browser.visible("#conversations-per-day").getAttribute("data-total")));
      assertEquals(Boolean.TRUE, browser.script("return typeof window.Chart === 'function'"));
      browser.screenshot("console-admin-conversations");
      browser.script("document.getElementById('reports-heading').scrollIntoView()");
      browser.screenshot("console-admin-reports");
    }
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

  private static String enabledLanguages() {
    return expect(200, server.get("/api/languages")).get("enabled").toString();
  }
}
