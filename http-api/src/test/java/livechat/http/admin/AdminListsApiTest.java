package livechat.http.admin;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.ManualClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The administrator's lists of conversations and operators, a page at a time from the read side,
 * and a conversation's transcript; who may call them and what bad input gets.
 */
class AdminListsApiTest {

  private static final Instant T0 = Instant.parse("2026-11-20T22:00:00Z");
  private static final int WAITING = 60;

  private static final ManualClock clock = new ManualClock(T0);
  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static ApiClient admin;
  private static String website;
  private static String shop;
  private static String anneId;
  private static ApiClient anne;
  private static final List<String> websiteIds = new ArrayList<>();
  private static final List<String> shopIds = new ArrayList<>();

  /** The lists' conversations started before; the tests' own ones after. */
  private static Instant setUpEnd;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "admin_lists",
            ConfigFactory.parseString(
                "livechat.operator.inactivity-timeout = 100d\n"
                    + "livechat.conversation.visitor-messages-per-minute = 100000"),
            clock);
    fixture = new ChatFixture(server);
    admin = fixture.admin();
    website = fixture.channel("Website");
    shop = fixture.channel("Shop");
    anne = fixture.operator("Anne", shop);
    anneId = expect(200, anne.get("/api/me")).get("id").asText();
    // nobody answers the website: its conversations wait, one started every 3 minutes over
    // two UTC days
    for (int i = 0; i < WAITING; i++) {
      websiteIds.add(fixture.startConversation(website).get("conversationId").asText());
      clock.advance(Duration.ofMinutes(3));
    }
    for (int i = 0; i < 3; i++) {
      shopIds.add(fixture.startConversation(shop).get("conversationId").asText());
      clock.advance(Duration.ofMinutes(1));
    }
    expect(200, anne.post("/api/conversations/" + shopIds.get(0) + "/close", ""));
    setUpEnd = clock.instant();
    clock.advance(Duration.ofDays(1));
    int total = WAITING + 3;
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertEquals(
                    total,
                    expect(200, admin.get("/api/admin/conversations?limit=200"))
                        .get("conversations")
                        .size()));
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertEquals(
                    "closed",
                    expect(200, admin.get("/api/admin/conversations?status=closed"))
                        .at("/conversations/0/status")
                        .asText()));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void pagingReturnsEveryConversationOnceMostRecentFirst() {
    List<String> seen = pageThrough("/api/admin/conversations?limit=7");
    List<String> expected = new ArrayList<>(websiteIds);
    expected.addAll(shopIds);
    assertEquals(expected.size(), seen.size());
    assertEquals(expected.size(), new HashSet<>(seen).size());
    assertEquals(reversed(expected), seen);
  }

  @Test
  void filtersByChannelStatusOperatorAndPeriod() {
    assertEquals(
        reversed(websiteIds),
        pageThrough("/api/admin/conversations?channelId=" + website + "&limit=9"));
    assertEquals(
        reversed(shopIds),
        pageThrough("/api/admin/conversations?operatorId=" + anneId + "&limit=2"));
    assertEquals(
        List.of(shopIds.get(0)), pageThrough("/api/admin/conversations?status=closed&limit=5"));
    assertEquals(
        reversed(shopIds.subList(1, 3)),
        pageThrough(
            "/api/admin/conversations?status=active&channelId=" + shop + "&operatorId=" + anneId));
    // [22:30, 23:00): starts 10 to 19, every 3 minutes from 22:00
    assertEquals(
        reversed(websiteIds.subList(10, 20)),
        pageThrough(
            "/api/admin/conversations?from=2026-11-20T22:30:00Z&to=2026-11-20T23:00:00Z&limit=4"));
    // across midnight: [23:57, 00:03) holds starts 39 and 40
    assertEquals(
        reversed(websiteIds.subList(39, 41)),
        pageThrough("/api/admin/conversations?from=2026-11-20T23:57:00Z&to=2026-11-21T00:03:00Z"));
    JsonNode closed =
        expect(200, admin.get("/api/admin/conversations?status=closed&to=" + setUpEnd));
    JsonNode entry = closed.at("/conversations/0");
    assertEquals(shop, entry.get("channelId").asText());
    assertEquals("Anne", entry.at("/operator/displayName").asText());
    assertEquals(anneId, entry.get("operatorId").asText());
    assertEquals(1, entry.get("lastSeq").asLong());
    assertTrue(entry.hasNonNull("startedAt") && entry.hasNonNull("closedAt"));
    assertTrue(closed.get("next").isNull());
  }

  @Test
  void theTranscriptHoldsEveryMessageInSeqOrder() {
    JsonNode started = fixture.startConversation(shop);
    String id = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(server, started.get("visitorToken").asText());
    for (int i = 1; i <= 120; i++) {
      ApiClient author = i % 2 == 1 ? visitor : anne;
      expect(
          201,
          author.post(
              "/api/conversations/" + id + "/messages",
              "{\"text\": \"message "
                  + i
                  + "\", \"clientMessageId\": \""
                  + UUID.randomUUID()
                  + "\"}"));
    }
    expect(200, anne.post("/api/conversations/" + id + "/close", ""));
    JsonNode transcript = expect(200, admin.get("/api/admin/conversations/" + id + "/transcript"));
    assertEquals(id, transcript.get("id").asText());
    assertEquals("closed", transcript.get("status").asText());
    JsonNode messages = transcript.get("messages");
    assertEquals(121, messages.size());
    for (int i = 0; i < 120; i++) {
      assertEquals(i + 1, messages.get(i).get("seq").asLong());
      assertEquals("message " + (i + 1), messages.get(i).get("text").asText());
    }
    assertEquals("system", messages.get(120).at("/author/kind").asText());
  }

  @Test
  void operatorsArePagedInLoginOrderWithTheirProfiles() {
    Set<String> created = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      created.add(fixture.account("Op " + i, null));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () -> {
              List<String> logins = new ArrayList<>();
              String next = null;
              do {
                JsonNode page =
                    expect(
                        200,
                        admin.get(
                            "/api/admin/operators?limit=2"
                                + (next == null ? "" : "&after=" + next)));
                assertTrue(page.get("operators").size() <= 2);
                page.get("operators").forEach(p -> logins.add(p.get("login").asText()));
                next = page.get("next").isNull() ? null : page.get("next").asText();
              } while (next != null);
              assertEquals(logins.stream().sorted().toList(), logins);
              assertEquals(new HashSet<>(logins).size(), logins.size());
              assertTrue(logins.containsAll(created), logins.toString());
            });
    JsonNode first = expect(200, admin.get("/api/admin/operators?limit=200")).at("/operators/0");
    assertTrue(first.has("displayName") && first.has("status") && first.has("capacity"));
  }

  @Test
  void onlyTheAdminMayReadListsTranscriptsAndReports() {
    String[] paths = {
      "/api/admin/operators",
      "/api/admin/conversations",
      "/api/admin/conversations/" + websiteIds.get(0) + "/transcript",
      "/api/admin/reports/channels/"
          + website
          + "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z",
      "/api/admin/reports/operators?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z"
    };
    for (String path : paths) {
      assertEquals(401, new ApiClient(server, null).get(path).statusCode(), path);
      assertEquals(401, new ApiClient(server, "not-a-token").get(path).statusCode(), path);
      assertError(403, "forbidden", anne.get(path));
      expect(200, admin.get(path));
    }
  }

  @Test
  void badParametersAreClearErrors() {
    String list = "/api/admin/conversations";
    assertError(400, "invalid_limit", admin.get(list + "?limit=0"));
    assertError(400, "invalid_limit", admin.get(list + "?limit=201"));
    assertError(400, "invalid_limit", admin.get(list + "?limit=ten"));
    assertError(400, "invalid_cursor", admin.get(list + "?after=nonsense"));
    assertError(400, "invalid_cursor", admin.get(list + "?after=" + UUID.randomUUID()));
    assertError(400, "invalid_from", admin.get(list + "?from=yesterday"));
    assertError(400, "invalid_to", admin.get(list + "?to=2026-11-20"));
    assertError(
        400,
        "invalid_period",
        admin.get(list + "?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z"));
    assertError(400, "invalid_status", admin.get(list + "?status=open"));
    assertError(400, "invalid_channel_id", admin.get(list + "?channelId=website"));
    assertError(400, "invalid_operator_id", admin.get(list + "?operatorId=1"));
    assertError(400, "invalid_limit", admin.get("/api/admin/operators?limit=-1"));
    assertError(400, "invalid_cursor", admin.get("/api/admin/operators?after=%25%25"));
    String report = "/api/admin/reports/channels/" + website;
    assertError(400, "invalid_period", admin.get(report));
    assertError(400, "invalid_period", admin.get(report + "?from=2026-11-20T00:00:00Z"));
    assertError(
        400,
        "invalid_period",
        admin.get(report + "?from=2026-01-01T00:00:00Z&to=2026-11-20T00:00:00Z"));
    assertError(
        400, "invalid_period", admin.get("/api/admin/reports/operators?to=2026-11-20T00:00:00Z"));
    String day = "?from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00Z";
    assertError(
        404,
        "unknown_channel",
        admin.get("/api/admin/reports/channels/" + UUID.randomUUID() + day));
    assertError(404, "unknown_channel", admin.get("/api/admin/reports/channels/website" + day));
    assertError(
        404,
        "unknown_conversation",
        admin.get("/api/admin/conversations/" + UUID.randomUUID() + "/transcript"));
    assertError(404, "unknown_conversation", admin.get("/api/admin/conversations/x/transcript"));
  }

  /** Every conversation id of a list started during the set-up, following its next cursors. */
  private static List<String> pageThrough(String listPath) {
    String path = listPath.contains("to=") ? listPath : listPath + "&to=" + setUpEnd;
    List<String> ids = new ArrayList<>();
    String next = null;
    int pages = 0;
    do {
      JsonNode page = expect(200, admin.get(path + (next == null ? "" : "&after=" + next)));
      page.get("conversations").forEach(c -> ids.add(c.get("id").asText()));
      next = page.get("next").isNull() ? null : page.get("next").asText();
      assertTrue(++pages < 1000);
    } while (next != null);
    return ids;
  }

  private static List<String> reversed(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    java.util.Collections.reverse(copy);
    return copy;
  }
}
