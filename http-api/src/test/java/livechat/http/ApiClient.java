package livechat.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Calls to the API of one node as a given caller (a token, or none), with JSON bodies. */
public final class ApiClient {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final URI base;
  private final String token;

  public ApiClient(URI base, String token) {
    this.base = base;
    this.token = token;
  }

  public ApiClient(ApiTestServer server, String token) {
    this(server.uri(""), token);
  }

  /** The same caller on another node. */
  public ApiClient on(URI otherBase) {
    return new ApiClient(otherBase, token);
  }

  public String token() {
    return token;
  }

  public URI base() {
    return base;
  }

  public HttpResponse<String> get(String path) {
    return send(request(path).GET());
  }

  public HttpResponse<String> post(String path, String json) {
    return send(json(path, "POST", json));
  }

  public HttpResponse<String> patch(String path, String json) {
    return send(json(path, "PATCH", json));
  }

  public HttpResponse<String> put(String path, String json) {
    return send(json(path, "PUT", json));
  }

  public HttpResponse<String> delete(String path) {
    return send(request(path).DELETE());
  }

  /** The JSON body of a response that must have the status. */
  public static JsonNode expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "expected " + status + " but was " + response.statusCode() + ": " + response.body());
    }
    return response.body().isEmpty() ? null : ErrorBody.read(response.body());
  }

  private HttpRequest.Builder json(String path, String method, String json) {
    return request(path)
        .header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base.toString() + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
