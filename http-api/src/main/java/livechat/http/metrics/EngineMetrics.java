package livechat.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import livechat.engine.EngineObserver;

/**
 * What the engine's entities on this node report: {@code livechat_conversations_started_total},
 * {@code _assigned_total} and {@code _closed_total}; {@code livechat_queue_length} by channel;
 * {@code livechat_queue_wait_seconds} (from joining the queue to assignment) and {@code
 * livechat_assignment_latency_seconds} (from the visitor's start to assignment); and {@code
 * livechat_persist_failures_total} by entity type (journal writes or recoveries that failed).
 */
public final class EngineMetrics implements EngineObserver {

  private final MeterRegistry registry;
  private final Counter started;
  private final Counter assigned;
  private final Counter closed;
  private final Timer queueWait;
  private final Timer assignmentLatency;
  private final Map<String, AtomicInteger> queueLengths = new ConcurrentHashMap<>();

  EngineMetrics(MeterRegistry registry) {
    this.registry = registry;
    started =
        Counter.builder("livechat.conversations.started")
            .description("Conversations started by visitors and queued")
            .register(registry);
    assigned =
        Counter.builder("livechat.conversations.assigned")
            .description("Waiting conversations assigned to an operator")
            .register(registry);
    closed =
        Counter.builder("livechat.conversations.closed")
            .description("Conversations closed")
            .register(registry);
    queueWait = latency("livechat.queue.wait", "Time from joining a channel's queue to assignment");
    assignmentLatency =
        latency("livechat.assignment.latency", "Time from a visitor's start to assignment");
  }

  private Timer latency(String name, String description) {
    return Timer.builder(name)
        .description(description)
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(30))
        .register(registry);
  }

  @Override
  public void journalFailed(String entityType) {
    Counter.builder("livechat.persist.failures")
        .description("Journal writes or recoveries that failed; the entity restarts with backoff")
        .tag("entity", entityType)
        .register(registry)
        .increment();
  }

  @Override
  public void conversationStarted(String channelId) {
    started.increment();
  }

  @Override
  public void conversationAssigned(String channelId, Duration sinceStart, Duration queued) {
    assigned.increment();
    assignmentLatency.record(sinceStart);
    queueWait.record(queued);
  }

  @Override
  public void conversationClosed(String channelId) {
    closed.increment();
  }

  @Override
  public void queueLength(String channelId, int length) {
    queueLengths
        .computeIfAbsent(
            channelId,
            id -> {
              AtomicInteger gauge = new AtomicInteger();
              Gauge.builder("livechat.queue.length", gauge, AtomicInteger::get)
                  .description("Conversations waiting in a channel's queue, on this node")
                  .tag("channel", id)
                  .register(registry);
              return gauge;
            })
        .set(length);
  }
}
