package livechat.http.auth;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.ErrorBody;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Accounts that are safe on the open internet: a logout, disabling and a new password each end the
 * operator's earlier tokens and close its sockets; a disabled operator cannot log in and leaves its
 * channels but keeps its conversations; sockets close when their token expires.
 */
class AccountsTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static ApiClient admin;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("accounts", List.of());
    fixture = new ChatFixture(server);
    admin = fixture.admin();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void aLogoutEndsEveryTokenOfTheOperatorAndClosesItsSockets() {
    String login = fixture.account("Marc", null);
    ApiClient first = fixture.logIn(login, server.uri(""));
    ApiClient second = fixture.logIn(login, server.uri(""));
    expect(200, first.get("/api/me"));
    try (WsClient socket = WsClient.connect(server, first.token())) {
      socket.send("{\"type\": \"ping\"}");
      socket.awaitType("pong");

      expect(204, second.post("/api/auth/logout", ""));

      assertEquals("token_revoked", socket.awaitType("error").get("code").asText());
      socket.awaitClose();
    }
    assertError(401, "unauthorized", first.get("/api/me"));
    assertError(401, "unauthorized", second.post("/api/auth/logout", ""));
    try (WsClient socket = WsClient.connect(server, first.token())) {
      assertEquals("unauthorized", socket.awaitType("error").get("code").asText());
      socket.awaitClose();
    }
    ApiClient again = fixture.logIn(login, server.uri(""));
    assertEquals(login, expect(200, again.get("/api/me")).get("login").asText());
  }

  @Test
  void aDisabledOperatorCannotLogInLeavesItsChannelsAndKeepsItsConversationsUntilEnabled() {
    String channelId = fixture.channel("Disabling");
    String login = fixture.account("Anna", null);
    ApiClient anna = fixture.logIn(login, server.uri(""));
    String annaId = expect(200, anna.get("/api/me")).get("id").asText();
    expect(200, anna.post("/api/channels/" + channelId + "/join", ""));
    JsonNode started = fixture.startConversation(channelId);
    assertEquals("active", started.get("status").asText());
    ApiClient visitor = new ApiClient(server, started.get("visitorToken").asText());
    String conversation = "/api/conversations/" + started.get("conversationId").asText();

    try (WsClient socket = WsClient.connect(server, anna.token())) {
      socket.send("{\"type\": \"ping\"}");
      socket.awaitType("pong");

      JsonNode profile =
          expect(200, admin.patch("/api/admin/operators/" + annaId, "{\"disabled\": true}"));

      assertTrue(profile.get("disabled").asBoolean());
      assertEquals(0, profile.get("channels").size());
      assertEquals(1, profile.get("activeConversations").asInt());
      assertEquals("token_revoked", socket.awaitType("error").get("code").asText());
      socket.awaitClose();
    }
    assertError(401, "unauthorized", anna.get("/api/me"));
    assertSameRefusal(
        logIn(login, ChatFixture.PASSWORD),
        logIn(login, "not the password"),
        logIn("nobody-" + login, ChatFixture.PASSWORD));
    JsonNode view = expect(200, visitor.get(conversation));
    assertEquals("active", view.get("status").asText());
    assertEquals("Anna", view.get("operator").get("displayName").asText());
    assertFalse(
        expect(200, new ApiClient(server, null).get("/api/channels/" + channelId + "/status"))
            .get("available")
            .asBoolean());
    assertEquals("waiting", fixture.startConversation(channelId).get("status").asText());

    JsonNode enabled =
        expect(200, admin.patch("/api/admin/operators/" + annaId, "{\"disabled\": false}"));
    assertFalse(enabled.get("disabled").asBoolean());
    assertError(401, "unauthorized", anna.get("/api/me"));
    ApiClient back = fixture.logIn(login, server.uri(""));
    assertFalse(expect(200, back.get("/api/me")).get("disabled").asBoolean());
  }

  @Test
  void disabledTakesOnlyABooleanAndABadValueChangesNothing() {
    String login = fixture.account("Strict", null);
    ApiClient operator = fixture.logIn(login, server.uri(""));
    String path = "/api/admin/operators/" + expect(200, operator.get("/api/me")).get("id").asText();

    for (String body :
        List.of(
            "{\"disabled\": \"true\"}",
            "{\"disabled\": 1}",
            "{\"disabled\": [true]}",
            "{\"disabled\": true, \"capacity\": \"2\"}")) {
      HttpResponse<String> response = admin.patch(path, body);
      assertEquals(400, response.statusCode(), body + " -> " + response.body());
    }

    JsonNode profile = expect(200, operator.get("/api/me"));
    assertFalse(profile.get("disabled").asBoolean());
    assertEquals(5, profile.get("capacity").asInt());
  }

  @Test
  void aNewPasswordEndsTheEarlierTokens() {
    String login = fixture.account("Paul", null);
    ApiClient before = fixture.logIn(login, server.uri(""));
    String operatorId = expect(200, before.get("/api/me")).get("id").asText();

    expect(
        200,
        admin.patch(
            "/api/admin/operators/" + operatorId, "{\"password\": \"another good password\"}"));

    assertError(401, "unauthorized", before.get("/api/me"));
    assertError(401, "bad_credentials", logIn(login, ChatFixture.PASSWORD));
    JsonNode signedIn = expect(200, logIn(login, "another good password"));
    expect(200, new ApiClient(server, signedIn.get("token").asText()).get("/api/me"));
  }

  @Test
  void socketsCloseWhenTheirTokenExpires() {
    String channelId = fixture.channel("Expiry");
    ApiClient operator = fixture.operator("Lea", channelId);
    String operatorId = expect(200, operator.get("/api/me")).get("id").asText();
    String conversationId = fixture.startConversation(channelId).get("conversationId").asText();
    Tokens shortLived =
        new Tokens(
            ApiTestServer.TOKEN_SECRET,
            Duration.ofSeconds(2),
            Duration.ofSeconds(2),
            Clock.systemUTC());

    try (WsClient operatorSocket = WsClient.connect(server, shortLived.forOperator(operatorId, 0));
        WsClient visitorSocket = WsClient.connect(server, shortLived.forVisitor(conversationId))) {
      operatorSocket.send("{\"type\": \"ping\"}");
      operatorSocket.awaitType("pong");
      visitorSocket.send("{\"type\": \"ping\"}");
      visitorSocket.awaitType("pong");

      assertEquals("token_expired", operatorSocket.awaitType("error").get("code").asText());
      assertEquals("token_expired", visitorSocket.awaitType("error").get("code").asText());
      operatorSocket.awaitClose();
      visitorSocket.awaitClose();
    }
    expect(200, operator.get("/api/me"));
  }

  private static HttpResponse<String> logIn(String login, String password) {
    return new ApiClient(server, null)
        .post(
            "/api/auth/login",
            "{\"login\": \"" + login + "\", \"password\": \"" + password + "\"}");
  }

  /** The responses are the same 401, body and all. */
  @SafeVarargs
  private static void assertSameRefusal(HttpResponse<String>... responses) {
    for (HttpResponse<String> response : responses) {
      assertError(401, "bad_credentials", response);
      assertEquals(
          ErrorBody.read(responses[0].body()), ErrorBody.read(response.body()), response.body());
    }
  }
}
