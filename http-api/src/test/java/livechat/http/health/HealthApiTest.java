package livechat.http.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import livechat.http.ApiTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code GET /health/ready} (and {@code /health}) reports each readiness check and is 200 only when
 * all pass; {@code GET /health/live} stays 200 whatever the checks say.
 */
class HealthApiTest {

  private static final Supplier<CompletionStage<Boolean>> UP =
      () -> CompletableFuture.completedFuture(true);
  private static final AtomicReference<Supplier<CompletionStage<Boolean>>> cassandra =
      new AtomicReference<>(UP);
  private static ApiTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "health_api",
            List.of(
                new ReadinessCheck("cluster", UP),
                new ReadinessCheck("cassandra", () -> cassandra.get().get())));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void everythingUp() {
    cassandra.set(UP);
  }

  @Test
  void healthIs200WhenEveryCheckPasses() {
    HttpResponse<String> response = server.get("/health");

    assertEquals(200, response.statusCode());
    assertEquals(
        "{\"status\":\"up\",\"checks\":{\"cluster\":\"up\",\"cassandra\":\"up\"}}",
        response.body());
  }

  @Test
  void healthIs503WhenACheckFails() {
    cassandra.set(() -> CompletableFuture.completedFuture(false));

    HttpResponse<String> response = server.get("/health");

    assertEquals(503, response.statusCode());
    assertEquals(
        "{\"status\":\"down\",\"checks\":{\"cluster\":\"up\",\"cassandra\":\"down\"}}",
        response.body());
  }

  @Test
  void aCheckThatThrowsCountsAsDown() {
    cassandra.set(() -> CompletableFuture.failedFuture(new IllegalStateException("no session")));

    assertEquals(503, server.get("/health").statusCode());
  }

  @Test
  void aCheckThatNeverAnswersCountsAsDownAfterTheTimeout() {
    cassandra.set(CompletableFuture::new);

    HttpResponse<String> response = server.get("/health");

    assertEquals(503, response.statusCode());
    assertEquals(
        "{\"status\":\"down\",\"checks\":{\"cluster\":\"up\",\"cassandra\":\"down\"}}",
        response.body());
  }

  @Test
  void readyAndItsAliasAnswerTheSame() {
    cassandra.set(() -> CompletableFuture.completedFuture(false));

    HttpResponse<String> ready = server.get("/health/ready");

    assertEquals(503, ready.statusCode());
    assertEquals(server.get("/health").body(), ready.body());
  }

  @Test
  void liveIs200WhileCassandraIsDown() {
    cassandra.set(() -> CompletableFuture.completedFuture(false));

    HttpResponse<String> live = server.get("/health/live");

    assertEquals(200, live.statusCode());
    assertEquals("{\"status\":\"up\",\"checks\":{}}", live.body());
    assertEquals(503, server.get("/health/ready").statusCode());
  }

  @Test
  void liveAndReadyAreTheOnlyHealthPaths() {
    assertEquals(404, server.get("/health/other").statusCode());
  }
}
