package livechat.http.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Open WebSockets by kind ({@code operator} or {@code visitor}): the gauge {@code
 * livechat_websockets_open{kind}}, fed by the session on open and on close.
 */
public final class SocketMetrics {

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> openByKind = new ConcurrentHashMap<>();

  SocketMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  public void opened(String kind) {
    open(kind).incrementAndGet();
  }

  public void closed(String kind) {
    open(kind).decrementAndGet();
  }

  private AtomicInteger open(String kind) {
    return openByKind.computeIfAbsent(
        kind,
        k -> {
          AtomicInteger count = new AtomicInteger();
          Gauge.builder("livechat.websockets.open", count, AtomicInteger::get)
              .description("WebSockets open on this node")
              .tag("kind", k)
              .register(registry);
          return count;
        });
  }
}
