package livechat.http.errors;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.OversizedBody;
import livechat.http.WsClient;
import livechat.http.auth.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input, one case each: the documented status and error code, never a 500, and nothing stored
 * (the conversation's history and the operator's profile are read back unchanged).
 */
class BadInputTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static String channelId;
  private static ApiClient operator;
  private static ApiClient otherOperator;
  private static String conversationId;
  private static ApiClient visitor;
  private static ApiClient otherVisitor;
  private static String otherConversationId;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("bad_input", List.of());
    fixture = new ChatFixture(server);
    channelId = fixture.channel("Website");
    operator = fixture.operator("Marc", channelId);
    JsonNode started = fixture.startConversation(channelId);
    conversationId = started.get("conversationId").asText();
    visitor = new ApiClient(server, started.get("visitorToken").asText());
    expect(
        201,
        visitor.post(
            "/api/conversations/" + conversationId + "/messages",
            "{\"text\": \"Hello\", \"clientMessageId\": \"first\"}"));
    JsonNode other = fixture.startConversation(channelId);
    otherConversationId = other.get("conversationId").asText();
    otherVisitor = new ApiClient(server, other.get("visitorToken").asText());
    otherOperator = fixture.operator("Anne", null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private JsonNode profileBefore;

  @BeforeEach
  void rememberProfile() {
    profileBefore = expect(200, operator.get("/api/me"));
  }

  static Stream<Arguments> badMessages() {
    return Stream.of(
        Arguments.of("{\"text\": \"Hi\", \"clientMessageId\": ", 400, "malformed_json"),
        Arguments.of("[]", 400, "malformed_json"),
        Arguments.of("{\"text\": 5, \"clientMessageId\": \"x\"}", 400, "invalid_field"),
        Arguments.of("{\"text\": \"Hi\", \"clientMessageId\": 7}", 400, "invalid_field"),
        Arguments.of("{\"text\": [\"Hi\"], \"clientMessageId\": \"x\"}", 400, "invalid_field"),
        Arguments.of("{\"clientMessageId\": \"x\"}", 400, "missing_field"),
        Arguments.of("{\"text\": \"Hi\"}", 400, "missing_field"),
        Arguments.of(
            "{\"text\": \"Hi\", \"clientMessageId\": \"x\", \"at\": 1}", 400, "unknown_field"),
        Arguments.of("{\"text\": \"   \", \"clientMessageId\": \"x\"}", 400, "invalid_text"),
        Arguments.of(
            "{\"text\": \"" + "x".repeat(4001) + "\", \"clientMessageId\": \"x\"}",
            400,
            "invalid_text"));
  }

  @ParameterizedTest(name = "{2}: {0}")
  @MethodSource("badMessages")
  void aBadMessageIsRefusedAndNothingIsStored(String body, int status, String code) {
    assertError(status, code, visitor.post(path("/messages"), body));
    assertEquals(1, lastSeq());
  }

  @Test
  void aMessageBodyOver64KibIsA413AndNothingIsStored() throws IOException {
    OversizedBody.announce(server, "POST", path("/messages"), visitor.token(), 70_000)
        .assertError(413, "payload_too_large");
    assertEquals(1, lastSeq());
  }

  @Test
  void wrongTypesElsewhereAreRefused() {
    assertError(400, "invalid_field", visitor.post(path("/seen"), "{\"seq\": \"1\"}"));
    assertError(400, "invalid_field", visitor.post(path("/rating"), "{\"value\": \"5\"}"));
    assertError(400, "invalid_field", operator.patch("/api/me", "{\"onlineChatName\": 5}"));
    assertError(400, "invalid_field", operator.patch("/api/me", "{\"chatLanguages\": \"fr_FR\"}"));
    assertError(
        400,
        "invalid_field",
        fixture
            .admin()
            .patch(
                "/api/admin/operators/" + profileBefore.get("id").asText(),
                "{\"capacity\": \"9\"}"));
    assertError(400, "invalid_parameter", visitor.get(path("/messages?after=one")));
    assertError(400, "invalid_parameter", visitor.get(path("/messages?limit=0")));
    assertEquals(profileBefore, expect(200, operator.get("/api/me")));
  }

  @Test
  void invalidValuesAreRefusedWithASentence() {
    assertError(400, "invalid_seq", visitor.post(path("/seen"), "{\"seq\": 99}"));
    assertError(400, "invalid_rating", visitor.post(path("/rating"), "{\"value\": 4}"));
    assertError(
        400, "language_not_enabled", operator.patch("/api/me", "{\"chatLanguages\": [\"xx_XX\"]}"));
    assertError(
        400,
        "invalid_operator",
        fixture
            .admin()
            .patch(
                "/api/admin/operators/" + profileBefore.get("id").asText(), "{\"capacity\": 0}"));
    assertError(
        400,
        "invalid_password",
        fixture
            .admin()
            .post(
                "/api/admin/operators",
                "{\"login\": \"short-"
                    + UUID.randomUUID()
                    + "\", \"name\": \"Short\", \"password\": \"short\", \"mainLanguage\":"
                    + " \"en_US\"}"));
    assertEquals(profileBefore, expect(200, operator.get("/api/me")));
  }

  @Test
  void unknownIdsAre404() {
    String unknown = UUID.randomUUID().toString();
    assertError(404, "unknown_conversation", operator.get("/api/conversations/" + unknown));
    assertError(404, "unknown_channel", operator.post("/api/channels/" + unknown + "/join", ""));
    assertError(404, "unknown_channel", operator.post("/api/channels/" + unknown + "/leave", ""));
    assertError(
        404,
        "unknown_channel",
        new ApiClient(server, null).post("/api/channels/" + unknown + "/conversations", "{}"));
    assertError(
        404,
        "unknown_operator",
        fixture.admin().patch("/api/admin/operators/" + unknown, "{\"capacity\": 3}"));
    assertError(
        404,
        "unknown_operator",
        operator.post(path("/transfer"), "{\"operatorId\": \"" + unknown + "\"}"));
    assertEquals(profileBefore, expect(200, operator.get("/api/me")));
  }

  @Test
  void missingBadExpiredAndForeignTokensAre401() {
    Tokens expired =
        new Tokens(
            ApiTestServer.TOKEN_SECRET,
            Duration.ofHours(1),
            Duration.ofHours(1),
            Clock.fixed(Instant.now().minus(Duration.ofDays(1)), ZoneOffset.UTC));
    Tokens foreign =
        new Tokens(
            "another-secret-of-at-least-32-characters",
            Duration.ofHours(1),
            Duration.ofHours(1),
            Clock.systemUTC());
    String operatorId = profileBefore.get("id").asText();

    assertError(401, "unauthorized", new ApiClient(server, null).get("/api/me"));
    assertError(401, "unauthorized", new ApiClient(server, "garbage").get("/api/me"));
    assertError(
        401,
        "unauthorized",
        new ApiClient(server, expired.forOperator(operatorId, 0)).get("/api/me"));
    assertError(
        401,
        "unauthorized",
        new ApiClient(server, foreign.forOperator(operatorId, 0)).get("/api/me"));
    assertError(
        401,
        "unauthorized",
        new ApiClient(server, foreign.forVisitor(conversationId))
            .post(path("/messages"), "{\"text\": \"Hi\", \"clientMessageId\": \"f\"}"));
    assertError(
        401,
        "bad_credentials",
        new ApiClient(server, null)
            .post("/api/auth/login", "{\"login\": \"nobody\", \"password\": \"whatever it is\"}"));
    assertEquals(1, lastSeq());
  }

  @Test
  void tokensOpenOnlyWhatTheyMayOpen() {
    assertError(
        403,
        "forbidden",
        otherVisitor.post(path("/messages"), "{\"text\": \"Hi\", \"clientMessageId\": \"o\"}"));
    assertError(403, "forbidden", otherVisitor.get(path("")));
    assertError(403, "forbidden", visitor.get("/api/me"));
    assertError(
        403, "forbidden", operator.put("/api/admin/languages", "{\"enabled\": [\"en_US\"]}"));
    assertError(
        403,
        "not_your_conversation",
        otherOperator.post(path("/messages"), "{\"text\": \"Hi\", \"clientMessageId\": \"a\"}"));
    assertError(403, "not_your_conversation", otherOperator.get(path("/messages")));
    assertError(403, "forbidden", operator.post(path("/rating"), "{\"value\": 5}"));
    assertEquals(1, lastSeq());
  }

  @Test
  void sendingToAClosedConversationIsAConflict() {
    JsonNode started = fixture.startConversation(channelId);
    String closing = started.get("conversationId").asText();
    ApiClient closingVisitor = new ApiClient(server, started.get("visitorToken").asText());
    expect(200, closingVisitor.post("/api/conversations/" + closing + "/close", ""));

    assertError(
        409,
        "conversation_closed",
        closingVisitor.post(
            "/api/conversations/" + closing + "/messages",
            "{\"text\": \"Hello?\", \"clientMessageId\": \"late\"}"));
    assertEquals(
        "closed",
        expect(200, closingVisitor.post("/api/conversations/" + closing + "/close", ""))
            .get("status")
            .asText());
  }

  @Test
  void anUnknownWebSocketTypeIsAnErrorFrameAndTheSocketStaysOpen() {
    try (WsClient socket = WsClient.connect(server, visitor.token())) {
      socket.send("{\"type\": \"dance\"}");
      JsonNode error = socket.awaitType("error");
      assertEquals("unknown_type", error.get("code").asText());
      socket.send("{not json");
      assertEquals("malformed_json", socket.awaitType("error").get("code").asText());
      socket.send(
          "{\"type\": \"send\", \"conversationId\": \""
              + conversationId
              + "\", \"text\": 5, \"clientMessageId\": \"w\"}");
      JsonNode wrongType = socket.awaitType("error");
      assertEquals("invalid_field", wrongType.get("code").asText());
      assertEquals("w", wrongType.get("clientMessageId").asText());
      socket.send("{\"type\": \"ping\"}");
      socket.awaitType("pong");
    }
    assertEquals(1, lastSeq());
  }

  @Test
  void aSocketWithABadTokenIsToldWhyAndClosed() {
    try (WsClient socket = WsClient.connect(server, "garbage")) {
      assertEquals("unauthorized", socket.awaitType("error").get("code").asText());
      socket.awaitClose();
    }
  }

  @Test
  void aFrameOver64KibIsToldWhyAndClosesTheSocket() {
    try (WsClient socket = WsClient.connect(server, visitor.token())) {
      socket.send(
          "{\"type\": \"send\", \"conversationId\": \""
              + conversationId
              + "\", \"text\": \""
              + "x".repeat(70_000)
              + "\", \"clientMessageId\": \"big\"}");
      assertEquals("message_too_large", socket.awaitType("error").get("code").asText());
      socket.awaitClose();
    }
    assertEquals(1, lastSeq());
  }

  private static String path(String rest) {
    return "/api/conversations/" + conversationId + rest;
  }

  private static long lastSeq() {
    return expect(200, visitor.get(path(""))).get("lastSeq").asLong();
  }
}
