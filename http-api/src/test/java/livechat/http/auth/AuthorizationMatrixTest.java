package livechat.http.auth;

import static livechat.http.ApiClient.expect;
import static livechat.http.auth.AuthorizationMatrixTest.Access.ADMIN_ONLY;
import static livechat.http.auth.AuthorizationMatrixTest.Access.CONVERSATION;
import static livechat.http.auth.AuthorizationMatrixTest.Access.OPERATOR;
import static livechat.http.auth.AuthorizationMatrixTest.Access.OPERATOR_OR_ADMIN;
import static livechat.http.auth.AuthorizationMatrixTest.Access.PUBLIC;
import static livechat.http.auth.AuthorizationMatrixTest.Access.UNKNOWN_CONVERSATION;
import static livechat.http.auth.AuthorizationMatrixTest.Who.ADMIN;
import static livechat.http.auth.AuthorizationMatrixTest.Who.BAD_TOKEN;
import static livechat.http.auth.AuthorizationMatrixTest.Who.DISABLED_OPERATOR;
import static livechat.http.auth.AuthorizationMatrixTest.Who.EXPIRED_TOKEN;
import static livechat.http.auth.AuthorizationMatrixTest.Who.LOGGED_OUT_TOKEN;
import static livechat.http.auth.AuthorizationMatrixTest.Who.NO_TOKEN;
import static livechat.http.auth.AuthorizationMatrixTest.Who.OTHER_VISITOR;
import static livechat.http.auth.AuthorizationMatrixTest.Who.TRANSFERRED_AWAY_OPERATOR;
import static livechat.http.auth.AuthorizationMatrixTest.Who.UNASSIGNED_OPERATOR;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.ErrorBody;
import livechat.http.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route, REST and WebSocket, called by every kind of caller that should not get through: the
 * expected status (401 for no, a bad, an expired, a disabled operator's or a logged-out token; 403
 * for a valid token that does not open the resource; 404 for an unknown id the caller may ask
 * about), and, for every refusal, nothing changed: the conversation's view and messages, its
 * operator's inbox and profile, another operator's profile and the enabled languages read the same
 * before and after. Routes a caller may use are called too and must succeed.
 */
class AuthorizationMatrixTest {

  /** The callers, as the columns of the matrix. */
  enum Who {
    NO_TOKEN,
    BAD_TOKEN,
    EXPIRED_TOKEN,
    OTHER_VISITOR,
    UNASSIGNED_OPERATOR,
    TRANSFERRED_AWAY_OPERATOR,
    DISABLED_OPERATOR,
    LOGGED_OUT_TOKEN,
    ADMIN
  }

  /** Who a route is for. */
  enum Access {
    PUBLIC,
    ADMIN_ONLY,
    OPERATOR,
    OPERATOR_OR_ADMIN,
    /** The conversation of the matrix: only its operator and its visitor. */
    CONVERSATION,
    /** A conversation id that does not exist: an operator may learn so, no one else. */
    UNKNOWN_CONVERSATION
  }

  /** A row: a request, who it is for, and its status when the caller may make it. */
  record Route(String method, String path, String body, Access access, int allowed) {
    @Override
    public String toString() {
      return method + " " + path.replace(conversationId, "{conversation}");
    }
  }

  private static final Set<Who> NOT_AUTHENTICATED =
      EnumSet.of(NO_TOKEN, BAD_TOKEN, EXPIRED_TOKEN, DISABLED_OPERATOR, LOGGED_OUT_TOKEN);
  private static final Set<Who> OPERATORS =
      EnumSet.of(UNASSIGNED_OPERATOR, TRANSFERRED_AWAY_OPERATOR);

  /** The matrix: the status each caller gets on each route. */
  static int expected(Route route, Who who) {
    if (route.access() == PUBLIC) {
      return route.allowed();
    }
    if (NOT_AUTHENTICATED.contains(who)) {
      return 401;
    }
    return switch (route.access()) {
      case ADMIN_ONLY -> who == ADMIN ? route.allowed() : 403;
      case OPERATOR -> OPERATORS.contains(who) ? route.allowed() : 403;
      case OPERATOR_OR_ADMIN -> who == OTHER_VISITOR ? 403 : route.allowed();
      case CONVERSATION -> 403;
      case UNKNOWN_CONVERSATION -> OPERATORS.contains(who) ? 404 : 403;
      case PUBLIC -> route.allowed();
    };
  }

  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static final Map<Who, String> tokens = new EnumMap<>(Who.class);
  private static String conversationId;
  private static String channelId;
  private static String lobbyId;
  private static String elsewhereId;
  private static String spareLogin;
  private static String spareId;
  private static String ownerId;
  private static ApiClient owner;
  private static ApiClient spare;
  private static String visitorToken;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("authorization_matrix", List.of());
    fixture = new ChatFixture(server);
    channelId = fixture.channel("Matrix");
    lobbyId = fixture.channel("Lobby");
    elsewhereId = fixture.channel("Elsewhere");

    // the conversation went to "Former", who transferred it to "Owner"
    ApiClient former = fixture.operator("Former", channelId);
    JsonNode started = fixture.startConversation(channelId);
    conversationId = started.get("conversationId").asText();
    visitorToken = started.get("visitorToken").asText();
    owner = fixture.operator("Owner", channelId);
    ownerId = expect(200, owner.get("/api/me")).get("id").asText();
    expect(
        200,
        former.post(
            "/api/conversations/" + conversationId + "/transfer",
            "{\"operatorId\": \"" + ownerId + "\"}"));
    ApiClient visitor = new ApiClient(server, visitorToken);
    expect(
        201, visitor.post(path("/messages"), "{\"text\": \"Hello\", \"clientMessageId\": \"v1\"}"));

    spareLogin = fixture.account("Spare", null);
    spare = fixture.logIn(spareLogin, server.uri(""));
    spareId = expect(200, spare.get("/api/me")).get("id").asText();

    ApiClient disabled = fixture.operator("Disabled", channelId);
    expect(
        200,
        fixture
            .admin()
            .patch(
                "/api/admin/operators/" + expect(200, disabled.get("/api/me")).get("id").asText(),
                "{\"disabled\": true}"));
    ApiClient loggedOut = fixture.operator("Logged Out", null);
    expect(204, loggedOut.post("/api/auth/logout", ""));
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

    tokens.put(NO_TOKEN, null);
    // the conversation's own operator, with a token signed by someone else
    tokens.put(BAD_TOKEN, foreign.forOperator(ownerId, 0));
    // the conversation's own operator and visitor, with tokens that expired
    tokens.put(EXPIRED_TOKEN, expired.forOperator(ownerId, 0));
    tokens.put(OTHER_VISITOR, fixture.startConversation(elsewhereId).get("visitorToken").asText());
    tokens.put(UNASSIGNED_OPERATOR, fixture.operator("Stranger", null).token());
    tokens.put(TRANSFERRED_AWAY_OPERATOR, former.token());
    tokens.put(DISABLED_OPERATOR, disabled.token());
    tokens.put(LOGGED_OUT_TOKEN, loggedOut.token());
    tokens.put(ADMIN, ApiTestServer.ADMIN_TOKEN);
    assertEquals("active", expect(200, owner.get(path(""))).get("status").asText());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** Every route but the logout, which comes last: an allowed logout ends that caller's tokens. */
  private static List<Route> routes() {
    String unknownConversation = "/api/conversations/" + UUID.randomUUID();
    String spareCredentials =
        "{\"login\": \"" + spareLogin + "\", \"password\": \"" + ChatFixture.PASSWORD + "\"}";
    String newOperator =
        "{\"login\": \"made-by-the-matrix-"
            + UUID.randomUUID()
            + "\", \"name\": \"New\", \"password\": \"a good password\", \"mainLanguage\":"
            + " \"en_US\"}";
    return List.of(
        new Route("GET", "/api/languages", null, PUBLIC, 200),
        new Route("POST", "/api/auth/login", spareCredentials, PUBLIC, 200),
        new Route("GET", "/api/channels/" + channelId + "/status", null, PUBLIC, 200),
        new Route("POST", "/api/channels/" + elsewhereId + "/conversations", "{}", PUBLIC, 201),
        new Route("PUT", "/api/admin/languages", "{\"enabled\": [\"en_US\"]}", ADMIN_ONLY, 200),
        new Route("POST", "/api/admin/operators", newOperator, ADMIN_ONLY, 201),
        new Route(
            "PATCH", "/api/admin/operators/" + spareId, "{\"name\": \"Spare\"}", ADMIN_ONLY, 200),
        new Route(
            "PATCH",
            "/api/admin/operators/" + UUID.randomUUID(),
            "{\"name\": \"Nobody\"}",
            ADMIN_ONLY,
            404),
        new Route("POST", "/api/admin/channels", "{\"name\": \"By the admin\"}", ADMIN_ONLY, 201),
        new Route("GET", "/api/admin/operators?limit=5", null, ADMIN_ONLY, 200),
        new Route("GET", "/api/admin/conversations?limit=5", null, ADMIN_ONLY, 200),
        new Route(
            "GET",
            "/api/admin/conversations/" + conversationId + "/transcript",
            null,
            ADMIN_ONLY,
            200),
        new Route(
            "GET",
            "/api/admin/reports/channels/"
                + channelId
                + "?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z",
            null,
            ADMIN_ONLY,
            200),
        new Route(
            "GET",
            "/api/admin/reports/operators?from=2026-11-01T00:00:00Z&to=2026-11-02T00:00:00Z",
            null,
            ADMIN_ONLY,
            200),
        new Route("GET", "/api/admin/webhooks", null, ADMIN_ONLY, 200),
        new Route(
            "POST",
            "/api/admin/webhooks",
            "{\"url\": \"http://127.0.0.1:9/nobody-listens\", \"events\":"
                + " [\"operator.disconnected\"], \"secret\": \"s\"}",
            ADMIN_ONLY,
            201),
        new Route("DELETE", "/api/admin/webhooks/" + UUID.randomUUID(), null, ADMIN_ONLY, 404),
        new Route("GET", "/api/me", null, OPERATOR, 200),
        new Route("PATCH", "/api/me", "{}", OPERATOR, 200),
        new Route("POST", "/api/me/heartbeat", "", OPERATOR, 204),
        new Route("GET", "/api/conversations", null, OPERATOR, 200),
        new Route("GET", "/api/channels", null, OPERATOR_OR_ADMIN, 200),
        new Route("GET", "/api/channels/" + lobbyId + "/operators", null, OPERATOR, 200),
        new Route("POST", "/api/channels/" + lobbyId + "/join", "", OPERATOR, 200),
        new Route("POST", "/api/channels/" + lobbyId + "/leave", "", OPERATOR, 200),
        new Route("POST", "/api/channels/" + UUID.randomUUID() + "/join", "", OPERATOR, 404),
        new Route("GET", path(""), null, CONVERSATION, 200),
        new Route("GET", path("/messages?after=0"), null, CONVERSATION, 200),
        new Route(
            "POST",
            path("/messages"),
            "{\"text\": \"Let me in\", \"clientMessageId\": \"intruder\"}",
            CONVERSATION,
            201),
        new Route("POST", path("/seen"), "{\"seq\": 1}", CONVERSATION, 204),
        new Route(
            "POST", path("/transfer"), "{\"operatorId\": \"" + spareId + "\"}", CONVERSATION, 200),
        new Route("POST", path("/rating"), "{\"value\": 1}", CONVERSATION, 204),
        new Route("POST", path("/close"), "", CONVERSATION, 200),
        new Route("GET", unknownConversation, null, UNKNOWN_CONVERSATION, 200),
        new Route(
            "POST",
            unknownConversation + "/messages",
            "{\"text\": \"Anyone?\", \"clientMessageId\": \"nobody\"}",
            UNKNOWN_CONVERSATION,
            201));
  }

  @TestFactory
  Stream<DynamicNode> everyRouteForEveryCaller() {
    Route logout = new Route("POST", "/api/auth/logout", "", OPERATOR, 204);
    return Stream.of(
        DynamicContainer.dynamicContainer(
            "REST", routes().stream().map(AuthorizationMatrixTest::restRow)),
        DynamicContainer.dynamicContainer("WebSocket", webSocketRows()),
        DynamicContainer.dynamicContainer("REST, last", Stream.of(restRow(logout))));
  }

  // ---------------------------------------------------------------- REST

  private static DynamicContainer restRow(Route route) {
    return DynamicContainer.dynamicContainer(
        route.toString(),
        Stream.of(Who.values())
            .map(
                who ->
                    DynamicTest.dynamicTest(
                        who + " -> " + expected(route, who), () -> call(route, who))));
  }

  private static void call(Route route, Who who) {
    int expected = expected(route, who);
    boolean refused = expected >= 400;
    Snapshot before = refused ? Snapshot.take() : null;

    HttpResponse<String> response = send(route, tokens.get(who));

    assertEquals(expected, response.statusCode(), route + " as " + who + ": " + response.body());
    if (refused) {
      JsonNode error = ErrorBody.read(response.body()).get("error");
      assertTrue(
          error != null && expectedCodes(expected).contains(error.get("code").asText()),
          response.body());
      assertEquals(before, Snapshot.take(), route + " as " + who + " changed nothing");
    }
  }

  private static Set<String> expectedCodes(int status) {
    return switch (status) {
      case 401 -> Set.of("unauthorized");
      case 403 -> Set.of("forbidden", "not_your_conversation");
      default ->
          Set.of("unknown_conversation", "unknown_operator", "unknown_channel", "unknown_webhook");
    };
  }

  private static HttpResponse<String> send(Route route, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(server.uri(route.path()))
            .method(
                route.method(),
                route.body() == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(route.body()));
    if (route.body() != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return server.send(request);
  }

  // ---------------------------------------------------------------- WebSocket

  /**
   * A frame about the conversation of the matrix, and the error each caller whose socket opens
   * gets.
   */
  record FrameRow(String type, String json, String visitorError, String operatorError) {}

  private static List<FrameRow> frames() {
    return List.of(
        new FrameRow(
            "subscribe",
            "{\"type\": \"subscribe\", \"conversationId\": \""
                + conversationId
                + "\", \"afterSeq\": 0}",
            "forbidden",
            "not_your_conversation"),
        new FrameRow(
            "send",
            ChatFixture.sendFrame(conversationId, "Let me in", "intruder-ws"),
            "forbidden",
            "not_your_conversation"),
        new FrameRow(
            "seen",
            "{\"type\": \"seen\", \"conversationId\": \"" + conversationId + "\", \"seq\": 1}",
            "forbidden",
            "not_your_conversation"),
        // an operator's typing elsewhere is dropped without a word; the visitor must not hear it
        new FrameRow(
            "typing",
            "{\"type\": \"typing\", \"conversationId\": \"" + conversationId + "\"}",
            "forbidden",
            null));
  }

  private static Stream<DynamicNode> webSocketRows() {
    List<DynamicNode> rows = new ArrayList<>();
    rows.add(
        DynamicContainer.dynamicContainer(
            "connect",
            Stream.of(Who.values())
                .map(
                    who ->
                        DynamicTest.dynamicTest(
                            who + (opens(who) ? " -> opens" : " -> unauthorized, closed"),
                            () -> connect(who)))));
    for (FrameRow frame : frames()) {
      rows.add(
          DynamicContainer.dynamicContainer(
              frame.type(),
              Stream.of(OTHER_VISITOR, UNASSIGNED_OPERATOR, TRANSFERRED_AWAY_OPERATOR)
                  .map(
                      who ->
                          DynamicTest.dynamicTest(
                              who + " -> " + errorFor(frame, who), () -> sendFrame(frame, who)))));
    }
    return rows.stream();
  }

  private static boolean opens(Who who) {
    return who == OTHER_VISITOR || OPERATORS.contains(who);
  }

  private static String errorFor(FrameRow frame, Who who) {
    String error = who == OTHER_VISITOR ? frame.visitorError() : frame.operatorError();
    return error == null ? "dropped" : error;
  }

  private static void connect(Who who) {
    Snapshot before = Snapshot.take();
    try (WsClient socket = WsClient.connect(server, tokens.get(who))) {
      if (opens(who)) {
        socket.send("{\"type\": \"ping\"}");
        socket.awaitType("pong");
      } else {
        assertEquals("unauthorized", socket.awaitType("error").get("code").asText());
        socket.awaitClose();
      }
    }
    assertEquals(before, Snapshot.take(), "nothing changed");
  }

  private static void sendFrame(FrameRow frame, Who who) {
    Snapshot before = Snapshot.take();
    String expectedError = who == OTHER_VISITOR ? frame.visitorError() : frame.operatorError();
    try (WsClient visitor = WsClient.connect(server, visitorToken);
        WsClient intruder = WsClient.connect(server, tokens.get(who))) {
      visitor.send("{\"type\": \"ping\"}");
      visitor.awaitType("pong");

      intruder.send(frame.json());
      if (expectedError != null) {
        assertEquals(expectedError, intruder.awaitType("error").get("code").asText());
      } else {
        // a frame the conversation answers, after it has seen the typing
        intruder.send(frames().get(0).json());
        assertEquals("not_your_conversation", intruder.awaitType("error").get("code").asText());
      }
      assertOnlyTheOwnerIsHeardTyping(visitor);
    }
    assertEquals(before, Snapshot.take(), "nothing changed");
  }

  /** The first typing the visitor hears is its operator's, typed after the intruder's frame. */
  private static void assertOnlyTheOwnerIsHeardTyping(WsClient visitor) {
    try (WsClient ownerSocket = WsClient.connect(server, owner.token())) {
      ownerSocket.send("{\"type\": \"typing\", \"conversationId\": \"" + conversationId + "\"}");
      JsonNode typing = visitor.awaitType("typing");
      assertEquals("Owner", typing.get("author").get("displayName").asText(), typing.toString());
    }
  }

  // ---------------------------------------------------------------- state

  /**
   * What a refused call must not change: the conversation as its operator sees it (view, messages,
   * inbox entry with its unread count), its operator's and another operator's profiles, and the
   * enabled languages.
   */
  record Snapshot(
      JsonNode view,
      JsonNode messages,
      JsonNode inbox,
      JsonNode ownerProfile,
      JsonNode spareProfile,
      JsonNode languages) {

    static Snapshot take() {
      return new Snapshot(
          expect(200, owner.get(path(""))),
          expect(200, owner.get(path("/messages?after=0"))),
          expect(200, owner.get("/api/conversations")),
          expect(200, owner.get("/api/me")),
          expect(200, spare.get("/api/me")),
          expect(200, new ApiClient(server, null).get("/api/languages")));
    }
  }

  private static String path(String rest) {
    return "/api/conversations/" + conversationId + rest;
  }
}
