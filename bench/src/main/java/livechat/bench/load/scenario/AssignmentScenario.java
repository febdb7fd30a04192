package livechat.bench.load.scenario;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import livechat.bench.load.Frame;
import livechat.bench.load.NodeTarget;
import livechat.bench.load.Report;
import livechat.bench.load.ResourceMeter;
import livechat.bench.load.StartClient;
import livechat.bench.load.Target;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Visitors starting conversations on one channel at an open-loop constant rate, with {@code
 * operators} operators joined and room for all: starts per second answered, the start latency from
 * the due time, and every answer that was not a 201. The node only: the relay has no channels.
 */
public final class AssignmentScenario implements Scenario {

  /** The start p99 of the target in BENCHMARKS.md: starts slower than this are placed in time. */
  private static final long SLOW_MILLIS = 50;

  private final int rate;
  private final int operators;
  private final Duration duration;

  public AssignmentScenario(int rate, int operators, Duration duration) {
    this.rate = rate;
    this.operators = operators;
    this.duration = duration;
  }

  @Override
  public String name() {
    return "assignment";
  }

  @Override
  public boolean supports(Target target) {
    return target instanceof NodeTarget;
  }

  /** Starts at the same rate: a node's start path is compiled by starts, not by messages. */
  @Override
  public Optional<Function<Duration, Scenario>> ownWarmUp() {
    return Optional.of(length -> new AssignmentScenario(rate, operators, length));
  }

  @Override
  public Report run(Target target) throws Exception {
    NodeTarget node = (NodeTarget) target;
    String channel = node.channelWithOperators(operators);
    try (StartClient client = node.startClient()) {
      return run(node, channel, client);
    }
  }

  private Report run(Target target, String channel, StartClient client) throws Exception {
    Recorder latency = new Recorder(TimeUnit.MINUTES.toMicros(5), 3);
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    AtomicLong lastAnswer = new AtomicLong();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    ResourceMeter meter = ResourceMeter.start(target.processes());
    long start = System.nanoTime();
    SlowSeconds slow = new SlowSeconds(SLOW_MILLIS, start);
    OpenLoop.run(
        start,
        rate,
        duration,
        (k, due) ->
            pending.add(
                client
                    .start(channel)
                    .whenComplete(
                        (response, failure) -> {
                          long now = System.nanoTime();
                          lastAnswer.accumulateAndGet(now, Math::max);
                          long micros = Math.max(0, (now - due) / 1000);
                          latency.recordValue(micros);
                          slow.record(due, micros);
                          String outcome =
                              failure != null
                                  ? (failure.getCause() != null ? failure.getCause() : failure)
                                      .getClass()
                                      .getSimpleName()
                                  : response.status() == 201
                                      ? Frame.read(response.body()).path("status").asText()
                                      : Integer.toString(response.status());
                          outcomes.computeIfAbsent(outcome, o -> new LongAdder()).increment();
                        })));
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .exceptionally(failure -> null)
        .get(2, TimeUnit.MINUTES);
    List<ResourceMeter.Usage> usage = meter.stop();
    Histogram starts = latency.getIntervalHistogram();
    long ok =
        outcomes.getOrDefault("active", new LongAdder()).sum()
            + outcomes.getOrDefault("waiting", new LongAdder()).sum();
    double seconds = (lastAnswer.get() - start) / 1e9;
    return Report.of(name(), target.name(), ok / seconds, null, usage)
        .withTimedP99Millis(starts.getValueAtPercentile(99) / 1000.0)
        .with("offered", rate + " starts/s")
        .with(
            "start p50/p99/max",
            String.format(
                java.util.Locale.ROOT,
                "%.1f/%.1f/%.1f ms",
                starts.getValueAtPercentile(50) / 1000.0,
                starts.getValueAtPercentile(99) / 1000.0,
                starts.getMaxValue() / 1000.0))
        .with("outcomes", outcomes.toString())
        .with("over " + SLOW_MILLIS + " ms", slow.summary(3));
  }
}
