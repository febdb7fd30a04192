package livechat.http.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /metrics}: every meter of the node in Prometheus' text format. */
public final class MetricsRoutes extends AllDirectives {

  private final PrometheusMeterRegistry registry;

  public MetricsRoutes(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  public Route route() {
    return path(
        "metrics",
        () ->
            get(
                () ->
                    complete(
                        HttpEntities.create(ContentTypes.TEXT_PLAIN_UTF8, registry.scrape()))));
  }
}
