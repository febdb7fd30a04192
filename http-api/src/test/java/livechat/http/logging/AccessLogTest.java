package livechat.http.logging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import livechat.http.ApiTestServer;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Each request gets a request id, echoed, and one access log line that never holds a token. */
class AccessLogTest {

  private static final Logger accessLogger = (Logger) LoggerFactory.getLogger("livechat.access");
  private static final ListAppender<ILoggingEvent> lines = new ListAppender<>();
  private static ApiTestServer server;

  @BeforeAll
  static void start() throws Exception {
    lines.start();
    accessLogger.addAppender(lines);
    accessLogger.setLevel(Level.INFO);
    server = ApiTestServer.start("access_log", List.of());
  }

  @AfterAll
  static void stop() {
    server.close();
    accessLogger.detachAppender(lines);
  }

  @BeforeEach
  void forgetEarlierLines() {
    lines.list.clear();
  }

  @Test
  void aGivenRequestIdIsEchoedAndLoggedWithTheRequest() {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/health/live?verbose=1"))
                .header("X-Request-Id", "abc-123")
                .header("Authorization", "Bearer secret-admin-token")
                .GET());

    assertEquals("abc-123", response.headers().firstValue("X-Request-Id").orElseThrow());
    Map<String, Object> fields = fieldsOfTheLineFor("abc-123");
    assertEquals("GET", fields.get("method"));
    assertEquals("/health/live", fields.get("path"));
    assertEquals("/health/live", fields.get("route"));
    assertEquals(200, fields.get("status"));
    assertTrue(((Long) fields.get("duration_ms")) >= 0);
    assertFalse(everythingLogged().contains("secret-admin-token"));
    assertFalse(everythingLogged().contains("verbose"));
  }

  @Test
  void theConversationAPathNamesIsAFieldOfItsLine() {
    String conversationId = "0b6f3c1e-5d7a-4e8b-9c2d-1f0a3b4c5d6e";
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/api/conversations/" + conversationId))
                .header("X-Request-Id", "with-a-conversation")
                .GET());

    assertEquals(401, response.statusCode());
    Map<String, Object> fields = fieldsOfTheLineFor("with-a-conversation");
    assertEquals(conversationId, fields.get("conversation_id"));
    assertEquals("/api/conversations/{id}", fields.get("route"));
  }

  @Test
  void withoutARequestIdTheNodeMakesOneUp() {
    HttpResponse<String> first = server.get("/health/live");
    HttpResponse<String> second = server.get("/health/live");

    String id = first.headers().firstValue("X-Request-Id").orElseThrow();
    assertNotEquals(id, second.headers().firstValue("X-Request-Id").orElseThrow());
    assertEquals(200, fieldsOfTheLineFor(id).get("status"));
  }

  @Test
  void aHostileRequestIdIsReplaced() {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri("/health/live"))
                .header("X-Request-Id", "x".repeat(65))
                .GET());

    assertEquals(36, response.headers().firstValue("X-Request-Id").orElseThrow().length());
  }

  @Test
  void theSocketsTokenInItsQueryIsNeverLogged() {
    try (WsClient socket = WsClient.connect(server, "a-token-that-must-not-be-logged")) {
      socket.awaitClose();
    } catch (RuntimeException refused) {
      // an invalid token may be refused before the upgrade; either way a line is written
    }

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> lines.list.stream().anyMatch(line -> fields(line).get("path").equals("/ws")));
    assertFalse(everythingLogged().contains("a-token-that-must-not-be-logged"));
  }

  private static Map<String, Object> fieldsOfTheLineFor(String requestId) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                lines.list.stream()
                    .anyMatch(line -> requestId.equals(fields(line).get("request_id"))));
    return lines.list.stream()
        .map(AccessLogTest::fields)
        .filter(fields -> requestId.equals(fields.get("request_id")))
        .findFirst()
        .orElseThrow();
  }

  private static Map<String, Object> fields(ILoggingEvent line) {
    return line.getKeyValuePairs().stream()
        .collect(Collectors.toMap(pair -> pair.key, pair -> pair.value));
  }

  private static String everythingLogged() {
    return lines.list.stream()
        .map(line -> line.getFormattedMessage() + " " + line.getKeyValuePairs())
        .collect(Collectors.joining("\n"));
  }
}
