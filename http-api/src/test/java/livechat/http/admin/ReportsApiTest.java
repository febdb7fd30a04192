package livechat.http.admin;

import static livechat.http.ApiClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.ManualClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Reports from the read side: a known set of conversations played on a manual clock gives exactly
 * the figures it should, and the same figures after a restart of the node, with nothing counted
 * twice.
 */
class ReportsApiTest {

  private static final String KEYSPACE = "reports_api";
  private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");
  private static final String PERIOD = "?from=2026-11-10T09:00:00Z&to=2026-11-10T10:00:00Z";

  /** The clock jumps hours ahead: operators must not be disconnected for it. */
  private static final Config SETTINGS =
      ConfigFactory.parseString("livechat.operator.inactivity-timeout = 100d");

  private final ManualClock clock = new ManualClock(T0);
  private ApiTestServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void reportsCountAKnownDayExactlyAndTheSameAfterARestart() throws Exception {
    server = ApiTestServer.start(KEYSPACE, SETTINGS, clock);
    ChatFixture fixture = new ChatFixture(server);
    String website = fixture.channel("Website");
    String shop = fixture.channel("Shop");
    String marcLogin = fixture.account("Marc", null);
    ApiClient marc = fixture.logIn(marcLogin, server.uri(""));
    expect(200, marc.post("/api/channels/" + website + "/join", ""));
    ApiClient anne = fixture.operator("Anne", shop);
    String marcId = expect(200, marc.get("/api/me")).get("id").asText();
    String anneId = expect(200, anne.get("/api/me")).get("id").asText();

    // answered after 20 s, four messages, 90 s long, rated 5
    Chat first = Chat.start(fixture, server, website, marc);
    clock.advance(Duration.ofSeconds(10));
    first.visitorSays("Hello");
    clock.advance(Duration.ofSeconds(20));
    first.operatorSays("Hi, how can I help?");
    first.visitorSays("Where is my parcel?");
    first.operatorSays("On its way.");
    clock.advance(Duration.ofSeconds(60));
    first.operatorCloses();
    first.visitorRates(5);

    // answered after 40 s, two messages, 75 s long, rated 3
    Chat second = Chat.start(fixture, server, website, marc);
    clock.advance(Duration.ofSeconds(5));
    second.visitorSays("Hello?");
    clock.advance(Duration.ofSeconds(40));
    second.operatorSays("Yes?");
    clock.advance(Duration.ofSeconds(30));
    second.operatorCloses();
    second.visitorRates(3);

    // missed: the visitor leaves after 105 s without an answer, rated 1
    Chat third = Chat.start(fixture, server, website, marc);
    clock.advance(Duration.ofSeconds(5));
    third.visitorSays("Anyone there?");
    clock.advance(Duration.ofSeconds(100));
    third.visitorCloses();
    third.visitorRates(1);

    // another channel: answered by Anne after 7 s, not rated
    Chat fourth = Chat.start(fixture, server, shop, anne);
    fourth.visitorSays("Price?");
    clock.advance(Duration.ofSeconds(7));
    fourth.operatorSays("Ten euros.");
    fourth.operatorCloses();

    // after the period: in no report of it
    clock.set(T0.plus(Duration.ofHours(2)));
    Chat later = Chat.start(fixture, server, website, marc);
    later.visitorSays("Late question");
    later.operatorSays("Late answer");
    later.operatorCloses();

    ApiClient admin = fixture.admin();
    String expectedWebsite =
        "{\"conversations\":3,\"answered\":2,\"missed\":1,\"messages\":7,"
            + "\"firstAnswerSeconds\":{\"p50\":20.0,\"p90\":40.0},"
            + "\"durationSeconds\":{\"p50\":90.0,\"p90\":105.0},"
            + "\"ratings\":{\"1\":1,\"3\":1,\"5\":1},\"ratedShare\":1.0}";
    String expectedShop =
        "{\"conversations\":1,\"answered\":1,\"missed\":0,\"messages\":2,"
            + "\"firstAnswerSeconds\":{\"p50\":7.0,\"p90\":7.0},"
            + "\"durationSeconds\":{\"p50\":7.0,\"p90\":7.0},"
            + "\"ratings\":{\"1\":0,\"3\":0,\"5\":0},\"ratedShare\":0.0}";
    String expectedOperators =
        "[{\"operatorId\":\""
            + anneId
            + "\",\"displayName\":\"Anne\",\"conversations\":1,\"messages\":2,"
            + "\"firstAnswerSeconds\":{\"p50\":7.0,\"p90\":7.0},"
            + "\"ratings\":{\"1\":0,\"3\":0,\"5\":0}},"
            + "{\"operatorId\":\""
            + marcId
            + "\",\"displayName\":\"Marc\",\"conversations\":3,\"messages\":7,"
            + "\"firstAnswerSeconds\":{\"p50\":20.0,\"p90\":40.0},"
            + "\"ratings\":{\"1\":1,\"3\":1,\"5\":1}}]";
    String laterPeriod = "?from=2026-11-10T11:00:00Z&to=2026-11-10T12:00:00Z";
    awaitBody(admin, "/api/admin/reports/channels/" + website + PERIOD, expectedWebsite);
    awaitBody(admin, "/api/admin/reports/channels/" + shop + PERIOD, expectedShop);
    awaitBody(admin, "/api/admin/reports/operators" + PERIOD, expectedOperators);
    awaitBody(
        admin,
        "/api/admin/reports/channels/" + website + laterPeriod,
        "{\"conversations\":1,\"answered\":1,\"missed\":0,\"messages\":2,"
            + "\"firstAnswerSeconds\":{\"p50\":0.0,\"p90\":0.0},"
            + "\"durationSeconds\":{\"p50\":0.0,\"p90\":0.0},"
            + "\"ratings\":{\"1\":0,\"3\":0,\"5\":0},\"ratedShare\":0.0}");

    // a new node process on the same Cassandra: the read side resumes from its offset
    server.close();
    server = ApiTestServer.start(KEYSPACE, SETTINGS, clock);
    admin = new ApiClient(server, ApiTestServer.ADMIN_TOKEN);
    fixture = new ChatFixture(admin);
    marc = fixture.logIn(marcLogin, server.uri(""));
    // one more conversation of the period, answered at once, after the restart
    clock.set(T0.plus(Duration.ofMinutes(30)));
    Chat fifth = Chat.start(fixture, server, website, marc);
    fifth.visitorSays("Back again");
    fifth.operatorSays("Welcome back");
    fifth.operatorCloses();

    awaitBody(
        admin,
        "/api/admin/reports/channels/" + website + PERIOD,
        "{\"conversations\":4,\"answered\":3,\"missed\":1,\"messages\":9,"
            + "\"firstAnswerSeconds\":{\"p50\":20.0,\"p90\":40.0},"
            + "\"durationSeconds\":{\"p50\":75.0,\"p90\":105.0},"
            + "\"ratings\":{\"1\":1,\"3\":1,\"5\":1},\"ratedShare\":0.75}");
    // events since the last saved offset are handled again after the restart: counted once
    awaitBody(admin, "/api/admin/reports/channels/" + shop + PERIOD, expectedShop);
  }

  private static void awaitBody(ApiClient admin, String path, String expected) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .untilAsserted(() -> assertEquals(expected, expect(200, admin.get(path)).toString()));
  }

  /** A visitor's conversation with the channel's operator. */
  private record Chat(String id, ApiClient visitor, ApiClient operator) {

    static Chat start(ChatFixture fixture, ApiTestServer server, String channelId, ApiClient op) {
      JsonNode started = fixture.startConversation(channelId);
      assertEquals("active", started.get("status").asText());
      return new Chat(
          started.get("conversationId").asText(),
          new ApiClient(server, started.get("visitorToken").asText()),
          op);
    }

    void visitorSays(String text) {
      say(visitor, text);
    }

    void operatorSays(String text) {
      say(operator, text);
    }

    void operatorCloses() {
      expect(200, operator.post("/api/conversations/" + id + "/close", ""));
    }

    void visitorCloses() {
      expect(200, visitor.post("/api/conversations/" + id + "/close", ""));
    }

    void visitorRates(int value) {
      expect(
          204, visitor.post("/api/conversations/" + id + "/rating", "{\"value\": " + value + "}"));
    }

    private void say(ApiClient who, String text) {
      expect(
          201,
          who.post(
              "/api/conversations/" + id + "/messages",
              ChatFixture.messageBody(text, java.util.UUID.randomUUID().toString())));
    }
  }
}
