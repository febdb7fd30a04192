package livechat.http.canned;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.UUID;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin writes canned responses; operators list them to insert them by shortcut. */
class CannedResponsesApiTest {

  private static final String ADMIN_PATH = "/api/admin/canned-responses";

  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static ApiClient admin;
  private static ApiClient operator;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("canned_responses", List.of());
    fixture = new ChatFixture(server);
    admin = fixture.admin();
    operator = fixture.operator("Marc", null);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theAdminCreatesEditsAndDeletesAResponseThatOperatorsList() {
    String shortcut = shortcut("hello");
    JsonNode created =
        expect(201, admin.post(ADMIN_PATH, body(shortcut, "  Hello! How can I help you?\n")));
    String id = created.get("id").asText();
    assertEquals(shortcut, created.get("shortcut").asText());
    assertEquals("Hello! How can I help you?", created.get("text").asText());
    assertEquals(created, listed(id));

    JsonNode edited =
        expect(200, admin.put(ADMIN_PATH + "/" + id, body(shortcut + "-2", "Hi! What can I do?")));
    assertEquals(shortcut + "-2", edited.get("shortcut").asText());
    assertEquals(edited, listed(id));
    assertEquals(edited, listedBy(admin, id));

    assertEquals(204, admin.delete(ADMIN_PATH + "/" + id).statusCode());
    assertEquals(null, listed(id));
    assertError(404, "unknown_canned_response", admin.delete(ADMIN_PATH + "/" + id));
    assertError(404, "unknown_canned_response", admin.put(ADMIN_PATH + "/" + id, body("x", "y")));
  }

  @Test
  void aShortcutIsTakenOnceAndADuplicateChangesNothing() {
    String shortcut = shortcut("bye");
    String first =
        expect(201, admin.post(ADMIN_PATH, body(shortcut, "Goodbye!"))).get("id").asText();
    String second =
        expect(201, admin.post(ADMIN_PATH, body(shortcut + "x", "See you!"))).get("id").asText();
    int before = expect(200, operator.get("/api/canned-responses")).size();

    assertError(409, "shortcut_taken", admin.post(ADMIN_PATH, body(shortcut, "Another text")));
    assertError(
        409, "shortcut_taken", admin.put(ADMIN_PATH + "/" + second, body(shortcut, "See you!")));

    assertEquals(before, expect(200, operator.get("/api/canned-responses")).size());
    assertEquals("Goodbye!", listed(first).get("text").asText());
    assertEquals(shortcut + "x", listed(second).get("shortcut").asText());
    // a response keeps its own shortcut when its text changes
    expect(200, admin.put(ADMIN_PATH + "/" + first, body(shortcut, "Goodbye, and thanks!")));
  }

  @Test
  void badInputIsAClearErrorAndStoresNothing() {
    int before = expect(200, operator.get("/api/canned-responses")).size();
    for (String shortcut :
        List.of("", "Hello", "with space", "héllo", "a".repeat(41), ":hello", "a/b")) {
      assertError(400, "invalid_shortcut", admin.post(ADMIN_PATH, body(shortcut, "Some text")));
    }
    assertError(400, "invalid_text", admin.post(ADMIN_PATH, body(shortcut("t"), "")));
    assertError(400, "invalid_text", admin.post(ADMIN_PATH, body(shortcut("t"), "  \n ")));
    assertError(400, "invalid_text", admin.post(ADMIN_PATH, body(shortcut("t"), "x".repeat(4001))));
    assertError(400, "missing_field", admin.post(ADMIN_PATH, "{\"shortcut\": \"abc\"}"));
    assertError(400, "missing_field", admin.post(ADMIN_PATH, "{\"text\": \"abc\"}"));
    assertError(
        400, "invalid_field", admin.post(ADMIN_PATH, "{\"shortcut\": 12, \"text\": \"abc\"}"));
    assertError(
        400,
        "unknown_field",
        admin.post(ADMIN_PATH, "{\"shortcut\": \"abc\", \"text\": \"abc\", \"id\": \"x\"}"));
    assertError(400, "malformed_json", admin.post(ADMIN_PATH, "[]"));
    assertEquals(before, expect(200, operator.get("/api/canned-responses")).size());

    String id =
        expect(201, admin.post(ADMIN_PATH, body(shortcut("keep"), "Kept."))).get("id").asText();
    assertError(400, "invalid_shortcut", admin.put(ADMIN_PATH + "/" + id, body("NO", "Changed")));
    assertEquals("Kept.", listed(id).get("text").asText());
    assertEquals(
        expect(201, admin.post(ADMIN_PATH, body(shortcut("max"), "x".repeat(4000))))
            .get("text")
            .asText()
            .length(),
        4000);
  }

  @Test
  void onlyTheAdminWritesAndOnlyOperatorsAndTheAdminRead() {
    String id =
        expect(201, admin.post(ADMIN_PATH, body(shortcut("auth"), "Text"))).get("id").asText();
    ApiClient nobody = new ApiClient(server, null);
    String channelId = fixture.channel("Website");
    ApiClient visitor =
        new ApiClient(server, fixture.startConversation(channelId).get("visitorToken").asText());

    assertError(401, "unauthorized", nobody.get("/api/canned-responses"));
    assertError(401, "unauthorized", nobody.post(ADMIN_PATH, body(shortcut("a"), "Text")));
    assertError(401, "unauthorized", nobody.delete(ADMIN_PATH + "/" + id));
    assertError(
        401, "unauthorized", new ApiClient(server, "not-a-token").get("/api/canned-responses"));
    assertError(403, "forbidden", visitor.get("/api/canned-responses"));
    assertError(403, "forbidden", operator.post(ADMIN_PATH, body(shortcut("b"), "Text")));
    assertError(403, "forbidden", operator.put(ADMIN_PATH + "/" + id, body("c", "Text")));
    assertError(403, "forbidden", operator.delete(ADMIN_PATH + "/" + id));
    assertError(404, "unknown_canned_response", admin.delete(ADMIN_PATH + "/not-an-id"));
    assertTrue(listed(id) != null, "still there");
  }

  private static JsonNode listed(String id) {
    return listedBy(operator, id);
  }

  private static JsonNode listedBy(ApiClient caller, String id) {
    for (JsonNode response : expect(200, caller.get("/api/canned-responses"))) {
      if (response.get("id").asText().equals(id)) {
        return response;
      }
    }
    return null;
  }

  private static String shortcut(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static String body(String shortcut, String text) {
    return "{\"shortcut\": \"" + shortcut + "\", \"text\": \"" + text.replace("\n", "\\n") + "\"}";
  }
}
