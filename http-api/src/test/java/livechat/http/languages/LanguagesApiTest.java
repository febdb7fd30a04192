package livechat.http.languages;

import static livechat.http.ErrorBody.assertError;
import static livechat.http.ErrorBody.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import livechat.http.ApiTestServer;
import livechat.http.OversizedBody;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code GET /api/languages} and {@code PUT /api/admin/languages} on a real server. */
class LanguagesApiTest {

  private static final String PATH = "/api/admin/languages";
  private static ApiTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("languages_api", List.of());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void enableEnglishAndFrench() {
    put(ApiTestServer.ADMIN_TOKEN, "{\"enabled\": [\"en_US\", \"fr_FR\"]}");
  }

  @Test
  void theAdminReplacesTheEnabledLanguagesAndEveryoneReadsThem() {
    HttpResponse<String> put =
        put(ApiTestServer.ADMIN_TOKEN, "{\"enabled\": [\"de_DE\", \"es_419\", \"de_DE\"]}");

    assertEquals(200, put.statusCode(), put.body());
    assertEquals("{\"enabled\":[\"de_DE\",\"es_419\"]}", put.body());
    HttpResponse<String> get = server.get("/api/languages");
    assertEquals(200, get.statusCode());
    assertEquals("{\"enabled\":[\"de_DE\",\"es_419\"]}", get.body());
  }

  static Stream<Arguments> badBodies() {
    return Stream.of(
        Arguments.of("{\"enabled\": [\"en_US\",", "malformed_json"),
        Arguments.of("", "malformed_json"),
        Arguments.of("null", "malformed_json"),
        Arguments.of("[\"en_US\"]", "malformed_json"),
        Arguments.of("{\"enabled\": [\"en_US\"]} {}", "malformed_json"),
        Arguments.of("{\"enabled\": \"en_US\"}", "invalid_field"),
        Arguments.of("{\"enabled\": [1]}", "invalid_field"),
        Arguments.of("{\"enabled\": [true]}", "invalid_field"),
        Arguments.of("{\"enabled\": [[\"en_US\"]]}", "invalid_field"),
        Arguments.of("{\"enabled\": [null]}", "invalid_field"),
        Arguments.of("{\"enabled\": 7}", "invalid_field"),
        Arguments.of("{}", "missing_field"),
        Arguments.of("{\"enabled\": null}", "missing_field"),
        Arguments.of("{\"enabled\": [\"en_US\"], \"disabled\": []}", "unknown_field"),
        Arguments.of("{\"enabled\": [\"en_US\"], \"enabled\": [\"fr_FR\"]}", "malformed_json"),
        Arguments.of("{\"enabled\": [\"english\"]}", "invalid_language"),
        Arguments.of("{\"enabled\": [\"en-US\"]}", "invalid_language"),
        Arguments.of("{\"enabled\": [\"EN_us\"]}", "invalid_language"),
        Arguments.of("{\"enabled\": [\"\"]}", "invalid_language"),
        Arguments.of("{\"enabled\": []}", "no_language"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("badBodies")
  void aBadBodyIsA400ThatSaysWhyAndStoresNothing(String body, String code) {
    assertError(400, code, put(ApiTestServer.ADMIN_TOKEN, body));

    assertEnabledLanguagesUnchanged();
  }

  @Test
  void aMissingAdminTokenIsA401AndStoresNothing() {
    HttpResponse<String> response = put(null, "{\"enabled\": [\"de_DE\"]}");

    assertError(401, "unauthorized", response);
    assertEquals(
        "Bearer realm=\"livechat\"", response.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEnabledLanguagesUnchanged();
  }

  @Test
  void aWrongAdminTokenIsA401AndStoresNothing() {
    assertError(401, "unauthorized", put("not-the-admin-token", "{\"enabled\": [\"de_DE\"]}"));
    assertEnabledLanguagesUnchanged();
  }

  @Test
  void aTokenThatIsNotABearerTokenIsA401() {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri(PATH))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic YWRtaW46YWRtaW4=")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": [\"de_DE\"]}")));

    assertError(401, "unauthorized", response);
    assertEnabledLanguagesUnchanged();
  }

  @Test
  void theTokenIsCheckedBeforeTheBody() {
    assertError(401, "unauthorized", put("wrong", "{not json"));
  }

  @Test
  void aBodyThatIsNotJsonIsA400() {
    HttpResponse<String> response =
        server.send(
            HttpRequest.newBuilder(server.uri(PATH))
                .header("Content-Type", "text/plain")
                .header("Authorization", "Bearer " + ApiTestServer.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"enabled\": [\"de_DE\"]}")));

    assertError(400, "unsupported_content_type", response);
    assertEnabledLanguagesUnchanged();
  }

  @Test
  void aBodyOver64KibIsA413AndStoresNothing() throws IOException {
    String languages = String.join(",", Collections.nCopies(9000, "\"de_DE\""));
    String body = "{\"enabled\": [" + languages + "]}";
    assertTrue(body.length() > 64 * 1024);

    OversizedBody.announce(server, "PUT", PATH, ApiTestServer.ADMIN_TOKEN, body.length())
        .assertError(413, "payload_too_large");
    assertEnabledLanguagesUnchanged();
  }

  @Test
  void anUnknownPathIsAJson404() {
    assertError(404, "not_found", server.get("/api/nothing-here"));
  }

  @Test
  void aWrongMethodIsAJson405() {
    assertError(
        405, "method_not_allowed", server.sendJson("POST", PATH, ApiTestServer.ADMIN_TOKEN, "{}"));
  }

  private static HttpResponse<String> put(String token, String body) {
    return server.sendJson("PUT", PATH, token, body);
  }

  private static void assertEnabledLanguagesUnchanged() {
    HttpResponse<String> get = server.get("/api/languages");
    assertEquals(200, get.statusCode());
    assertEquals(List.of("en_US", "fr_FR"), languages(get.body()));
  }

  private static List<String> languages(String body) {
    List<String> codes = new ArrayList<>();
    read(body).get("enabled").forEach(code -> codes.add(code.asText()));
    return codes;
  }
}
