package livechat.http.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import livechat.http.health.CassandraAvailability;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * The node's one meter registry, an extension of its actor system so that every part of the node
 * (routes, sessions) records into the same registry with {@code Metrics.get(system)}. It binds the
 * JVM's memory, GC, thread, class-loading and CPU meters when created, and is scraped by {@code GET
 * /metrics}.
 */
public final class Metrics implements Extension {

  private static final Id ID = new Id();

  private final PrometheusMeterRegistry registry;
  private final HttpMetrics http;
  private final SocketMetrics sockets;
  private final MessageMetrics messages;
  private final EngineMetrics engine;

  private Metrics(ActorSystem<?> system) {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    JvmGcMetrics gc = new JvmGcMetrics();
    gc.bindTo(registry);
    system.getWhenTerminated().thenRun(gc::close);
    http = new HttpMetrics(registry);
    sockets = new SocketMetrics(registry);
    messages = new MessageMetrics(registry);
    engine = new EngineMetrics(registry);
    CassandraAvailability cassandra = CassandraAvailability.get(system);
    Gauge.builder("livechat.cassandra.available", cassandra, up -> up.available() ? 1 : 0)
        .description("1 while Cassandra takes writes as this node sees it, 0 while it fails them")
        .register(registry);
  }

  public static Metrics get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public HttpMetrics http() {
    return http;
  }

  public SocketMetrics sockets() {
    return sockets;
  }

  public MessageMetrics messages() {
    return messages;
  }

  /** The engine's meters, as its observer. */
  public EngineMetrics engine() {
    return engine;
  }

  /** The extension's id: one {@link Metrics} per actor system. */
  public static final class Id extends ExtensionId<Metrics> {
    @Override
    public Metrics createExtension(ActorSystem<?> system) {
      return new Metrics(system);
    }
  }
}
