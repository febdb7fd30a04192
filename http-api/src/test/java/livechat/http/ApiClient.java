package livechat.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls to the API as a given caller (a token, or none), with JSON bodies. */
public final class ApiClient {

  private final ApiTestServer server;
  private final String token;

  public ApiClient(ApiTestServer server, String token) {
    this.server = server;
    this.token = token;
  }

  public String token() {
    return token;
  }

  public HttpResponse<String> get(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(path)).GET();
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return server.send(request);
  }

  public HttpResponse<String> post(String path, String json) {
    return server.sendJson("POST", path, token, json);
  }

  public HttpResponse<String> patch(String path, String json) {
    return server.sendJson("PATCH", path, token, json);
  }

  public HttpResponse<String> put(String path, String json) {
    return server.sendJson("PUT", path, token, json);
  }

  /** The JSON body of a response that must have the status. */
  public static JsonNode expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "expected " + status + " but was " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? null : ErrorBody.read(response.body());
  }
}
