package livechat.http.health;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import livechat.http.Json;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code GET /health/live}: 200 whenever the actor system serves the request, for restarts. {@code
 * GET /health/ready} (and its alias {@code GET /health}): 200 when every readiness check passes,
 * 503 otherwise, with each check's result, for load balancers. A check that does not answer within
 * the timeout, or fails, counts as down.
 */
public final class HealthRoutes extends AllDirectives {

  /** {@code {"status": "up"|"down", "checks": {"cluster": "up", ...}}}. */
  public record Health(String status, Map<String, String> checks) {}

  private static final Health LIVE = new Health("up", Map.of());

  private final List<ReadinessCheck> checks;
  private final Duration timeout;

  public HealthRoutes(List<ReadinessCheck> checks, Duration timeout) {
    this.checks = List.copyOf(checks);
    this.timeout = timeout;
  }

  public Route route() {
    return pathPrefix(
        "health",
        () ->
            get(
                () ->
                    concat(
                        pathEnd(this::ready),
                        path("ready", this::ready),
                        path("live", () -> complete(StatusCodes.OK, LIVE, Json.marshaller())))));
  }

  private Route ready() {
    return onSuccess(
        evaluate(),
        health ->
            complete(
                health.status().equals("up") ? StatusCodes.OK : StatusCodes.SERVICE_UNAVAILABLE,
                health,
                Json.marshaller()));
  }

  private CompletableFuture<Health> evaluate() {
    List<CompletableFuture<Boolean>> results =
        checks.stream()
            .map(
                check ->
                    CompletableFuture.supplyAsync(check.probe())
                        .thenCompose(stage -> stage)
                        .toCompletableFuture()
                        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        .exceptionally(failure -> false))
            .toList();
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            done -> {
              Map<String, String> byName = new LinkedHashMap<>();
              boolean allUp = true;
              for (int i = 0; i < checks.size(); i++) {
                boolean up = results.get(i).join();
                allUp &= up;
                byName.put(checks.get(i).name(), up ? "up" : "down");
              }
              return new Health(allUp ? "up" : "down", byName);
            });
  }
}
