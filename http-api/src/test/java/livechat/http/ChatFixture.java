package livechat.http;

import static livechat.http.ApiClient.expect;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/** Creates what a chat needs through the API itself: operators, a channel, conversations. */
public final class ChatFixture {

  public static final String PASSWORD = "a good password";

  private final ApiTestServer server;
  private final ApiClient admin;

  public ChatFixture(ApiTestServer server) {
    this.server = server;
    this.admin = new ApiClient(server, ApiTestServer.ADMIN_TOKEN);
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
    String login = name.toLowerCase() + "-" + UUID.randomUUID();
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
                + "\", \"mainLanguage\": \"en_US\"}"));
    String token =
        expect(
                200,
                new ApiClient(server, null)
                    .post(
                        "/api/auth/login",
                        "{\"login\": \"" + login + "\", \"password\": \"" + PASSWORD + "\"}"))
            .get("token")
            .asText();
    ApiClient operator = new ApiClient(server, token);
    if (channelId != null) {
      expect(200, operator.post("/api/channels/" + channelId + "/join", ""));
    }
    return operator;
  }

  /** A visitor's new conversation: its JSON, with conversationId and visitorToken. */
  public JsonNode startConversation(String channelId) {
    return expect(
        201,
        new ApiClient(server, null).post("/api/channels/" + channelId + "/conversations", "{}"));
  }

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
