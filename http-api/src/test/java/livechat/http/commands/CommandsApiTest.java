package livechat.http.commands;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The operator's commands: answered to the operator only, never part of the conversation. */
class CommandsApiTest {

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("operator_commands", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void helpListsTheCommandsAndNothingIsStored() {
    Chat chat = chat("Website");
    String reply = command(chat, "/help");
    for (String name : List.of("/help", "/history", "/close", "/transfer")) {
      assertTrue(reply.contains(name), reply);
    }
    assertEquals(reply, command(chat, "  /HELP  "));
    assertNothingStored(chat);
  }

  @Test
  void historyListsTheVisitorsPagesMostRecentFirst() {
    Chat chat = chat("Shop");
    assertEquals("The visitor has not opened any page yet.", command(chat, "/history"));
    expect(
        204,
        chat.visitor.post(
            chat.path("/pages"), "{\"url\": \"https://shop.example.com/\", \"title\": \"Home\"}"));
    expect(
        204,
        chat.visitor.post(
            chat.path("/pages"),
            "{\"url\": \"https://shop.example.com/pricing\", \"title\": \"Pricing\"}"));

    String reply = command(chat, "/history");

    int pricing = reply.indexOf("Pricing — https://shop.example.com/pricing");
    int home = reply.indexOf("Home — https://shop.example.com/ (");
    assertTrue(pricing > 0 && home > pricing, reply);
    assertNothingStored(chat);
  }

  @Test
  void closeClosesTheConversationAsTheCloseRouteDoes() {
    Chat chat = chat("Support");
    expect(201, chat.visitor.post(chat.path("/messages"), ChatFixture.messageBody("Hello", "m1")));

    assertEquals("You closed the conversation.", command(chat, "/close"));

    assertEquals("closed", expect(200, chat.visitor.get(chat.path(""))).get("status").asText());
    JsonNode messages = expect(200, chat.visitor.get(chat.path("/messages"))).get("messages");
    assertEquals(2, messages.size());
    assertEquals("system", messages.get(1).get("author").get("kind").asText());
    assertEquals(0, expect(200, chat.operator.get("/api/me")).get("activeConversations").asInt());
    assertEquals("This conversation was already closed.", command(chat, "/close"));
    assertError(
        409, "conversation_closed", chat.operator.post(chat.command(), text("/transfer Anne")));
  }

  @Test
  void transferFindsTheOperatorOfTheChannelByNameOrLogin() {
    String channelId = fixture.channel("Sales");
    Chat chat = chat(channelId, fixture.operator("Marc", channelId));
    String anneLogin = fixture.account("Anne Martin", null);
    ApiClient anne = fixture.logIn(anneLogin, server.uri(""));

    assertError(
        404, "unknown_operator", chat.operator.post(chat.command(), text("/transfer Anne Martin")));
    expect(200, anne.post("/api/channels/" + channelId + "/join", ""));
    expect(200, anne.patch("/api/me", "{\"onlineChatName\": \"Anne\"}"));

    assertEquals(
        "You transferred the conversation to Anne.", command(chat, "/transfer  anne   MARTIN "));

    assertEquals(
        "Anne", expect(200, anne.get(chat.path(""))).get("operator").get("displayName").asText());
    assertError(403, "not_your_conversation", chat.operator.post(chat.command(), text("/help")));
    Chat back = new Chat(chat.conversationId, anne, chat.visitor);
    String marcLogin = expect(200, chat.operator.get("/api/me")).get("login").asText();
    assertEquals(
        "You transferred the conversation to Marc.", command(back, "/transfer " + marcLogin));
    JsonNode messages = expect(200, chat.visitor.get(chat.path("/messages"))).get("messages");
    assertEquals(2, messages.size());
    for (JsonNode shown : messages) {
      assertEquals("system", shown.get("author").get("kind").asText());
      assertTrue(!shown.get("text").asText().contains("/transfer"), shown.toString());
    }
  }

  @Test
  void transferToAnAmbiguousUnknownOrMissingOperatorIsAClearError() {
    String channelId = fixture.channel("Team");
    Chat chat = chat(channelId, fixture.operator("Marc", channelId));
    fixture.operator("Paul", channelId);
    fixture.operator("Paul", channelId);

    assertError(
        409, "ambiguous_operator", chat.operator.post(chat.command(), text("/transfer paul")));
    assertError(
        404, "unknown_operator", chat.operator.post(chat.command(), text("/transfer Nobody")));
    assertError(
        409, "transfer_to_self", chat.operator.post(chat.command(), text("/transfer Marc")));
    assertError(400, "invalid_command", chat.operator.post(chat.command(), text("/transfer")));
    assertEquals(
        "Marc",
        expect(200, chat.operator.get(chat.path(""))).get("operator").get("displayName").asText());
    assertNothingStored(chat);
  }

  @Test
  void unknownCommandsAndBadBodiesAreClearErrorsAndChangeNothing() {
    Chat chat = chat("Errors");
    assertError(400, "unknown_command", chat.operator.post(chat.command(), text("/dance")));
    assertError(400, "invalid_command", chat.operator.post(chat.command(), text("/close now")));
    assertError(400, "not_a_command", chat.operator.post(chat.command(), text("hello")));
    assertError(400, "invalid_field", chat.operator.post(chat.command(), text("   ")));
    assertError(400, "invalid_field", chat.operator.post(chat.command(), "{\"text\": 5}"));
    assertError(400, "missing_field", chat.operator.post(chat.command(), "{}"));
    assertError(
        400,
        "unknown_field",
        chat.operator.post(chat.command(), "{\"text\": \"/help\", \"x\": 1}"));
    assertError(
        400, "invalid_field", chat.operator.post(chat.command(), text("/" + "x".repeat(4000))));
    assertEquals("active", expect(200, chat.operator.get(chat.path(""))).get("status").asText());
    assertNothingStored(chat);
  }

  @Test
  void onlyTheOperatorAssignedRunsCommands() {
    Chat chat = chat("Private");
    ApiClient anne = fixture.operator("Anne", null);
    ApiClient nobody = new ApiClient(server, null);

    assertError(401, "unauthorized", nobody.post(chat.command(), text("/help")));
    assertError(403, "forbidden", chat.visitor.post(chat.command(), text("/help")));
    assertError(403, "forbidden", fixture.admin().post(chat.command(), text("/help")));
    assertError(403, "not_your_conversation", anne.post(chat.command(), text("/close")));
    assertError(
        404, "unknown_conversation", anne.post("/api/conversations/nope/command", text("/help")));
    assertEquals("active", expect(200, chat.operator.get(chat.path(""))).get("status").asText());
  }

  private Chat chat(String channelName) {
    String channelId = fixture.channel(channelName);
    return chat(channelId, fixture.operator("Marc", channelId));
  }

  private Chat chat(String channelId, ApiClient operator) {
    JsonNode started = fixture.startConversation(channelId);
    return new Chat(
        started.get("conversationId").asText(),
        operator,
        new ApiClient(server, started.get("visitorToken").asText()));
  }

  private static String command(Chat chat, String command) {
    return expect(200, chat.operator.post(chat.command(), text(command))).get("reply").asText();
  }

  /** No message was added: a command is never part of the conversation. */
  private static void assertNothingStored(Chat chat) {
    assertEquals(0, expect(200, chat.visitor.get(chat.path(""))).get("lastSeq").asLong());
  }

  private static String text(String text) {
    return "{\"text\": \"" + text + "\"}";
  }

  private record Chat(String conversationId, ApiClient operator, ApiClient visitor) {
    String path(String rest) {
      return "/api/conversations/" + conversationId + rest;
    }

    String command() {
      return path("/command");
    }
  }
}
