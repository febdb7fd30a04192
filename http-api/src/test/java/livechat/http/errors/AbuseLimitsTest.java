package livechat.http.errors;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The limits on what is cheap to ask and dear to serve: conversation starts and logins per client
 * address (behind a trusted proxy, the address it forwards), and the length of a channel's queue.
 * Over a limit the answer is 429 with Retry-After, and nothing is created.
 */
class AbuseLimitsTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "abuse_limits",
            List.of(),
            ConfigFactory.parseString(
                "livechat.limits.conversation-starts-per-minute = 3\n"
                    + "livechat.limits.logins-per-minute = 2\n"
                    + "livechat.limits.trusted-proxies = \"127.0.0.1\"\n"
                    + "livechat.routing.max-queue-length = 4"));
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void startsFromOneAddressAreLimitedAndOthersGoOn() {
    String channelId = fixture.channel("Starts");
    for (int i = 0; i < 3; i++) {
      assertEquals(201, start(channelId, "203.0.113.1").statusCode());
    }
    HttpResponse<String> refused = start(channelId, "203.0.113.1");
    assertError(429, "rate_limited", refused);
    assertRetryAfter(refused);
    assertEquals(3, waiting(channelId), "the refused start created nothing");
    assertEquals(201, start(channelId, "203.0.113.2").statusCode());
  }

  @Test
  void loginAttemptsFromOneAddressAreLimited() {
    String login = fixture.account("Marc", null);
    assertEquals(401, login(login, "wrong", "198.51.100.7").statusCode());
    assertEquals(200, login(login, ChatFixture.PASSWORD, "198.51.100.7").statusCode());
    HttpResponse<String> refused = login(login, ChatFixture.PASSWORD, "198.51.100.7");
    assertError(429, "rate_limited", refused);
    assertRetryAfter(refused);
    assertEquals(200, login(login, ChatFixture.PASSWORD, "198.51.100.8").statusCode());
  }

  @Test
  void aFullQueueRefusesNewVisitors() {
    String channelId = fixture.channel("Queue");
    for (int i = 0; i < 4; i++) {
      assertEquals(201, start(channelId, "192.0.2." + i).statusCode());
    }
    HttpResponse<String> refused = start(channelId, "192.0.2.99");
    assertError(429, "queue_full", refused);
    assertRetryAfter(refused);
    assertEquals(4, waiting(channelId));
  }

  private static HttpResponse<String> start(String channelId, String forwardedFor) {
    return server.send(
        HttpRequest.newBuilder(server.uri("/api/channels/" + channelId + "/conversations"))
            .header("X-Forwarded-For", forwardedFor)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{}")));
  }

  private static HttpResponse<String> login(String login, String password, String forwardedFor) {
    return server.send(
        HttpRequest.newBuilder(server.uri("/api/auth/login"))
            .header("X-Forwarded-For", forwardedFor)
            .header("Content-Type", "application/json")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}")));
  }

  private static int waiting(String channelId) {
    return expect(200, server.get("/api/channels/" + channelId + "/status")).get("waiting").asInt();
  }

  private static void assertRetryAfter(HttpResponse<String> response) {
    long seconds =
        Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow().trim());
    assertTrue(seconds >= 1 && seconds <= 60, "Retry-After " + seconds);
  }
}
