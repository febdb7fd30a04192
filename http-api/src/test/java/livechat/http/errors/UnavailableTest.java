package livechat.http.errors;

import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.net.http.HttpResponse;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An entity that does not answer within the ask timeout is a 503 that says when to retry. */
class UnavailableTest {

  private static ApiTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "unavailable",
            List.of(),
            // a tick of 1 ms makes the 1 ms timeout fire after 1 ms, not at the next 10 ms tick,
            // within which a fast machine may well create the channel
            ConfigFactory.parseString(
                "livechat.http.ask-timeout = 1ms\npekko.scheduler.tick-duration = 1ms"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anEntityTooSlowToAnswerIs503WithRetryAfter() {
    HttpResponse<String> response =
        new ApiClient(server, ApiTestServer.ADMIN_TOKEN)
            .post("/api/admin/channels", "{\"name\": \"Slow\"}");

    assertError(503, "unavailable", response);
    assertEquals("2", response.headers().firstValue("Retry-After").orElseThrow());
  }
}
