package livechat.http.web;

import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pages of the allowed origins use the API and the socket; other origins are refused with 403; the
 * node's own pages are same-origin and always served; the widget's files are for any origin.
 */
class CrossOriginTest {

  private static final String ALLOWED = "https://shop.example.com";
  private static final String OTHER = "https://evil.example.net";

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "cross_origin",
            List.of(),
            ConfigFactory.parseString(
                "livechat.http.cors.allowed-origins = \"" + ALLOWED + ", https://other.example\""));
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aPreflightFromAnAllowedOriginIsAnswered() {
    HttpResponse<String> preflight = preflight(ALLOWED, "/api/channels/x/conversations");
    assertEquals(200, preflight.statusCode());
    assertEquals(ALLOWED, header(preflight, "Access-Control-Allow-Origin"));
    assertTrue(header(preflight, "Access-Control-Allow-Methods").contains("POST"));
    assertTrue(
        header(preflight, "Access-Control-Allow-Headers").toLowerCase().contains("content-type"));
  }

  @Test
  void aVisitorOnAnAllowedOriginStartsAConversation() {
    String channelId = fixture.channel("Website");
    HttpResponse<String> started =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/channels/" + channelId + "/conversations"))
                .header("Origin", ALLOWED)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertEquals(201, started.statusCode());
    assertEquals(ALLOWED, header(started, "Access-Control-Allow-Origin"));
  }

  @Test
  void errorsReachAnAllowedOriginWithTheirReason() {
    HttpResponse<String> unknown =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/channels/no-such-channel/status"))
                .header("Origin", ALLOWED));
    assertError(404, "unknown_channel", unknown);
    assertEquals(ALLOWED, header(unknown, "Access-Control-Allow-Origin"));
    HttpResponse<String> unauthorized =
        server.send(HttpRequest.newBuilder(server.uri("/api/me")).header("Origin", ALLOWED));
    assertError(401, "unauthorized", unauthorized);
    assertEquals(ALLOWED, header(unauthorized, "Access-Control-Allow-Origin"));
  }

  @Test
  void anotherOriginIsRefusedAndChangesNothing() {
    String channelId = fixture.channel("Website");
    assertEquals(
        403, preflight(OTHER, "/api/channels/" + channelId + "/conversations").statusCode());
    HttpResponse<String> started =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/channels/" + channelId + "/conversations"))
                .header("Origin", OTHER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertError(403, "origin_not_allowed", started);
    assertEquals(
        0,
        ApiClient.expect(200, server.get("/api/channels/" + channelId + "/status"))
            .get("waiting")
            .asInt());
  }

  @Test
  void aSocketFromAnotherOriginIsRefusedWith403() {
    ApiClient marc = fixture.operator("Marc", null);
    CompletionException refused =
        org.junit.jupiter.api.Assertions.assertThrows(
            CompletionException.class, () -> socket(OTHER, marc.token()));
    WebSocketHandshakeException handshake =
        assertInstanceOf(WebSocketHandshakeException.class, refused.getCause());
    assertEquals(403, handshake.getResponse().statusCode());

    socket(ALLOWED, marc.token()).abort();
  }

  @Test
  void theNodesOwnPagesAreSameOrigin() {
    ApiClient marc = fixture.operator("Marc", null);
    String self = "http://127.0.0.1:" + server.port();
    HttpResponse<String> me =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/me"))
                .header("Origin", self)
                .header("Authorization", "Bearer " + marc.token()));
    assertEquals(200, me.statusCode());
    socket(self, marc.token()).abort();
  }

  @Test
  void theWidgetScriptIsServedToAnyOrigin() {
    HttpResponse<String> widget =
        server.send(HttpRequest.newBuilder(server.uri("/widget.js")).header("Origin", OTHER));
    assertEquals(200, widget.statusCode());
    assertEquals("*", header(widget, "Access-Control-Allow-Origin"));
  }

  private static HttpResponse<String> preflight(String origin, String path) {
    return server.send(
        HttpRequest.newBuilder(server.uri(path))
            .header("Origin", origin)
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "content-type")
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
  }

  private static WebSocket socket(String origin, String token) {
    return HttpClient.newHttpClient()
        .newWebSocketBuilder()
        .connectTimeout(Duration.ofSeconds(5))
        .header("Origin", origin)
        .buildAsync(
            URI.create("ws://127.0.0.1:" + server.port() + "/ws?token=" + token),
            new WebSocket.Listener() {})
        .join();
  }

  private static String header(HttpResponse<?> response, String name) {
    Optional<String> value = response.headers().firstValue(name);
    assertTrue(value.isPresent(), name + " is missing: " + response.headers().map());
    return value.get();
  }
}
