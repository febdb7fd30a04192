package livechat.http;

import static livechat.http.ApiClient.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.UUID;

/** Creates what a chat needs through the API itself: operators, a channel, conversations. */
public final class ChatFixture {

  public static final String PASSWORD = "a good password";

  private final ApiClient admin;

  public ChatFixture(ApiTestServer server) {
    this(new ApiClient(server, ApiTestServer.ADMIN_TOKEN));
  }

  /** A fixture that creates through this admin client's node. */
  public ChatFixture(ApiClient admin) {
    this.admin = admin;
  }

  public ApiClient admin() {
    return admin;
  }

  /** A new channel's id. */
  public String channel(String name) {
    return expect(201, admin.post("/api/admin/channels", "{\"name\": \"" + name + "\"}"))
        .get("id")
        .asText();
  }

  /** A new operator, logged in, joined to the channel (when not null). */
  public ApiClient operator(String name, String channelId) {
    ApiClient operator = operator(name, null, admin.base());
    if (channelId != null) {
      expect(200, operator.post("/api/channels/" + channelId + "/join", ""));
    }
    return operator;
  }

  /**
   * A new operator of the given capacity (null: the default), logged in on the node at {@code
   * node}; its client calls that node.
   */
  public ApiClient operator(String name, Integer capacity, URI node) {
    return logIn(account(name, capacity), node);
  }

  /** The operator of this login, logged in on the node at {@code node}. */
  public ApiClient logIn(String login, URI node) {
    String token =
        expect(
                200,
                new ApiClient(node, null)
                    .post(
                        "/api/auth/login",
                        "{\"login\": \"" + login + "\", \"password\": \"" + PASSWORD + "\"}"))
            .get("token")
            .asText();
    return new ApiClient(node, token);
  }

  /**
   * A new operator account of the given capacity (null: the default), main language en_US and
   * password {@link #PASSWORD}: its login.
   */
  public String account(String name, Integer capacity) {
    String login = name.toLowerCase().replace(' ', '-') + "-" + UUID.randomUUID();
    expect(
        201,
        admin.post(
            "/api/admin/operators",
            "{\"login\": \""
                + login
                + "\", \"name\": \""
                + name
                + "\", \"password\": \""
                + PASSWORD
                + "\", \"mainLanguage\": \"en_US\""
                + (capacity == null ? "" : ", \"capacity\": " + capacity)
                + "}"));
    return login;
  }

  /** A visitor's new conversation: its JSON, with conversationId and visitorToken. */
  public JsonNode startConversation(String channelId) {
    return expect(
        201,
        new ApiClient(admin.base(), null)
            .post("/api/channels/" + channelId + "/conversations", "{}"));
  }

  /** The JSON body of a message posted over HTTP. */
  public static String messageBody(String text, String clientMessageId) {
    return "{\"text\": \"" + text + "\", \"clientMessageId\": \"" + clientMessageId + "\"}";
  }

  /** The socket frame that sends a message. */
  public static String sendFrame(String conversationId, String text, String clientMessageId) {
    return "{\"type\": \"send\", \"conversationId\": \""
        + conversationId
        + "\", \"text\": \""
        + text
        + "\", \"clientMessageId\": \""
        + clientMessageId
        + "\"}";
  }
}
