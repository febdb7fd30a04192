package livechat.http.pages;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The visitor's widget reports the pages it opens; the operator assigned reads them. */
class VisitorPagesApiTest {

  private static final int REPORTS_PER_MINUTE = 110;

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "visitor_pages",
            List.of(),
            ConfigFactory.parseString("livechat.pages.reports-per-minute = " + REPORTS_PER_MINUTE));
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theOperatorReadsThePagesTheVisitorOpenedMostRecentFirst() {
    Chat chat = chat("Website");
    assertEquals(0, expect(200, chat.operator.get(chat.pages())).size());

    assertEquals(
        204,
        chat.visitor
            .post(chat.pages(), "{\"url\": \"https://shop.example.com/\", \"title\": \"Home\"}")
            .statusCode());
    assertEquals(
        204,
        chat.visitor
            .post(chat.pages(), "{\"url\": \"https://shop.example.com/pricing\"}")
            .statusCode());

    JsonNode pages = expect(200, chat.operator.get(chat.pages()));
    assertEquals(2, pages.size());
    assertEquals("https://shop.example.com/pricing", pages.get(0).get("url").asText());
    assertTrue(pages.get(0).get("title").isNull());
    assertEquals("https://shop.example.com/", pages.get(1).get("url").asText());
    assertEquals("Home", pages.get(1).get("title").asText());
    Instant first = Instant.parse(pages.get(1).get("at").asText());
    assertTrue(!Instant.parse(pages.get(0).get("at").asText()).isBefore(first));
    // the conversation itself is untouched: no message, no new seq
    assertEquals(0, expect(200, chat.operator.get(chat.path())).get("lastSeq").asLong());
  }

  @Test
  void onlyTheHundredMostRecentPagesAreKept() {
    Chat chat = chat("Shop");
    for (int page = 1; page <= 105; page++) {
      expect(204, chat.visitor.post(chat.pages(), url("https://shop.example.com/p/" + page)));
    }
    JsonNode pages = expect(200, chat.operator.get(chat.pages()));
    assertEquals(100, pages.size());
    assertEquals("https://shop.example.com/p/105", pages.get(0).get("url").asText());
    assertEquals("https://shop.example.com/p/6", pages.get(99).get("url").asText());
  }

  @Test
  void aVisitorReportingTooOftenIsRateLimited() {
    Chat chat = chat("Busy");
    for (int page = 1; page <= REPORTS_PER_MINUTE; page++) {
      expect(204, chat.visitor.post(chat.pages(), url("https://shop.example.com/" + page)));
    }
    var limited = chat.visitor.post(chat.pages(), url("https://shop.example.com/more"));
    assertError(429, "rate_limited", limited);
    assertTrue(limited.headers().firstValue("Retry-After").isPresent());
    assertEquals(
        "https://shop.example.com/" + REPORTS_PER_MINUTE,
        expect(200, chat.operator.get(chat.pages())).get(0).get("url").asText());
  }

  @Test
  void badReportsAreClearErrorsAndStoreNothing() {
    Chat chat = chat("Strict");
    List<String> bad = new ArrayList<>();
    bad.add(url("/pricing"));
    bad.add(url("ftp://shop.example.com/file"));
    bad.add(url("javascript:alert(1)"));
    bad.add(url("https://"));
    bad.add(url("https://shop.example.com/a b"));
    bad.add(url("https://shop.example.com/" + "x".repeat(2048 - 24)));
    bad.add("{\"url\": \"https://shop.example.com/\", \"title\": \"" + "t".repeat(301) + "\"}");
    bad.add("{\"url\": 42}");
    bad.add("{\"url\": \"https://shop.example.com/\", \"title\": 7}");
    bad.add("{\"title\": \"Home\"}");
    bad.add("{\"url\": \"https://shop.example.com/\", \"referrer\": \"x\"}");
    bad.add("not json");
    for (String body : bad) {
      var response = chat.visitor.post(chat.pages(), body);
      assertEquals(400, response.statusCode(), body + " -> " + response.body());
    }
    assertError(400, "missing_field", chat.visitor.post(chat.pages(), "{\"title\": \"Home\"}"));
    assertEquals(0, expect(200, chat.operator.get(chat.pages())).size());

    String longest = "https://shop.example.com/" + "x".repeat(2048 - 25);
    expect(
        204,
        chat.visitor.post(
            chat.pages(),
            "{\"url\": \"" + longest + "\", \"title\": \"" + "t".repeat(300) + "\"}"));
    assertEquals(longest, expect(200, chat.operator.get(chat.pages())).get(0).get("url").asText());
  }

  @Test
  void onlyTheVisitorReportsAndOnlyTheOperatorAssignedReads() {
    Chat chat = chat("Private");
    Chat other = chat("Other");
    ApiClient anne = fixture.operator("Anne", null);
    ApiClient nobody = new ApiClient(server, null);
    String report = url("https://shop.example.com/");

    assertError(401, "unauthorized", nobody.post(chat.pages(), report));
    assertError(401, "unauthorized", nobody.get(chat.pages()));
    assertError(403, "forbidden", other.visitor.post(chat.pages(), report));
    assertError(403, "forbidden", other.visitor.get(chat.pages()));
    assertError(403, "forbidden", chat.visitor.get(chat.pages()));
    assertError(403, "forbidden", chat.operator.post(chat.pages(), report));
    assertError(403, "forbidden", fixture.admin().get(chat.pages()));
    assertError(403, "not_your_conversation", anne.get(chat.pages()));
    assertError(403, "not_your_conversation", other.operator.get(chat.pages()));
    assertError(404, "unknown_conversation", anne.get("/api/conversations/nope/pages"));
    assertEquals(0, expect(200, chat.operator.get(chat.pages())).size());
  }

  private Chat chat(String channelName) {
    String channelId = fixture.channel(channelName);
    ApiClient operator = fixture.operator("Marc", channelId);
    JsonNode started = fixture.startConversation(channelId);
    return new Chat(
        started.get("conversationId").asText(),
        operator,
        new ApiClient(server, started.get("visitorToken").asText()));
  }

  private static String url(String url) {
    return "{\"url\": \"" + url + "\"}";
  }

  private record Chat(String conversationId, ApiClient operator, ApiClient visitor) {
    String path() {
      return "/api/conversations/" + conversationId;
    }

    String pages() {
      return path() + "/pages";
    }
  }
}
