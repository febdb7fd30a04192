package livechat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;

/** Assertions on the API's error responses. */
public final class ErrorBody {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ErrorBody() {}

  /** The response has the status, is JSON, and its error has the code and a message. */
  public static void assertError(int status, String code, HttpResponse<String> response) {
    assertError(
        status,
        code,
        response.statusCode(),
        response.headers().firstValue("Content-Type").orElse(""),
        response.body());
  }

  /** The same, on a response read by other means than an HTTP client. */
  public static void assertError(
      int status, String code, int actualStatus, String contentType, String body) {
    assertEquals(status, actualStatus, body);
    assertEquals("application/json", contentType, "type");
    JsonNode error = read(body).get("error");
    assertEquals(code, error.get("code").asText(), body);
    assertFalse(error.get("message").asText().isBlank(), "message");
  }

  public static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + json, e);
    }
  }
}
