package livechat.http.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * HTTP requests served: the timer {@code livechat_http_requests_seconds{class, route, method,
 * status}} with a latency histogram, tagged by {@link RouteTemplate} so that ids never become
 * labels. A 404 counts under the route {@code unmatched}, so that made-up paths add no series.
 */
public final class HttpMetrics {

  private final MeterRegistry registry;

  HttpMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void served(RouteTemplate route, String method, int status, Duration took) {
    Timer.builder("livechat.http.requests")
        .description("HTTP requests by route, method and status")
        .tag("class", route.routeClass())
        .tag("route", status == 404 ? "unmatched" : route.template())
        .tag("method", method)
        .tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)
        .record(took);
  }
}
