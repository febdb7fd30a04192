package livechat.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The node's REST API, as much of it as the generator uses to set up and check its runs. */
public final class NodeApi {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final HttpClient http;
  private final URI base;
  private final String adminToken;

  public NodeApi(HttpClient http, URI base, String adminToken) {
    this.http = http;
    this.base = base;
    this.adminToken = adminToken;
  }

  public int health() throws IOException, InterruptedException {
    return http.send(request("/health", null).GET().build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  public String createChannel(String name) throws IOException, InterruptedException {
    return call("POST", "/api/admin/channels", adminToken, "{\"name\":\"" + name + "\"}", 201)
        .get("id")
        .asText();
  }

  public void createOperator(String login, String password, int capacity)
      throws IOException, InterruptedException {
    String body =
        ("{\"login\":\"%s\",\"name\":\"%s\",\"password\":\"%s\","
                + "\"mainLanguage\":\"en_US\",\"capacity\":%d}")
            .formatted(login, login, password, capacity);
    call("POST", "/api/admin/operators", adminToken, body, 201);
  }

  public String login(String login, String password) throws IOException, InterruptedException {
    String body = "{\"login\":\"%s\",\"password\":\"%s\"}".formatted(login, password);
    return call("POST", "/api/auth/login", null, body, 200).get("token").asText();
  }

  public void join(String channelId, String operatorToken)
      throws IOException, InterruptedException {
    call("POST", "/api/channels/" + channelId + "/join", operatorToken, null, 200);
  }

  public void heartbeat(String operatorToken) throws IOException, InterruptedException {
    call("POST", "/api/me/heartbeat", operatorToken, null, 204);
  }

  public void close(String conversationId, String token) throws IOException, InterruptedException {
    call("POST", "/api/conversations/" + conversationId + "/close", token, null, 200);
  }

  public JsonNode conversation(String conversationId, String token)
      throws IOException, InterruptedException {
    return call("GET", "/api/conversations/" + conversationId, token, null, 200);
  }

  public JsonNode messages(String conversationId, String token, long after, int limit)
      throws IOException, InterruptedException {
    String path =
        "/api/conversations/%s/messages?after=%d&limit=%d".formatted(conversationId, after, limit);
    return call("GET", path, token, null, 200);
  }

  private JsonNode call(String method, String path, String token, String body, int expected)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = request(path, token);
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != expected) {
      throw new IOException(
          method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? null : Frame.read(response.body());
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }
}
