package livechat.bench.load.scenario;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Collectors;

/**
 * The answers slower than a bound, counted by the wall-clock second they were due: whether a tail
 * is spread over the run (the machine is full) or held by a few seconds, which a collector's log
 * with wall-clock times (the node's, or Cassandra's) can then name.
 */
final class SlowSeconds {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** One second's slow answers: how many, and the slowest. */
  private record Second(LongAdder count, LongAccumulator slowestMicros) {
    Second() {
      this(new LongAdder(), new LongAccumulator(Math::max, 0));
    }
  }

  private final long boundMicros;
  private final long startNanos;
  private final long startEpochMillis;
  private final Map<Long, Second> seconds = new ConcurrentHashMap<>();

  /**
   * Counting answers slower than {@code boundMillis} of a schedule that began at {@code
   * startNanos}.
   */
  SlowSeconds(long boundMillis, long startNanos) {
    this.boundMicros = TimeUnit.MILLISECONDS.toMicros(boundMillis);
    this.startNanos = startNanos;
    this.startEpochMillis =
        System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
  }

  void record(long dueNanos, long latencyMicros) {
    if (latencyMicros <= boundMicros) {
      return;
    }
    long epochSecond =
        (startEpochMillis + TimeUnit.NANOSECONDS.toMillis(dueNanos - startNanos)) / 1000;
    Second second = seconds.computeIfAbsent(epochSecond, s -> new Second());
    second.count().increment();
    second.slowestMicros().accumulate(latencyMicros);
  }

  /**
   * How many were slower than the bound, in how many seconds, and the {@code worst} seconds that
   * held most of them, e.g. {@code 94 in 12 s, 71 of them in 3 s: 21:10:05 41 (max 173 ms), ...}.
   */
  String summary(int worst) {
    long all = seconds.values().stream().mapToLong(second -> second.count().sum()).sum();
    if (all == 0) {
      return "0";
    }
    var worstSeconds =
        seconds.entrySet().stream()
            .sorted(
                Comparator.comparingLong((Map.Entry<Long, Second> e) -> e.getValue().count().sum())
                    .reversed())
            .limit(worst)
            .sorted(Map.Entry.comparingByKey())
            .toList();
    long held = worstSeconds.stream().mapToLong(e -> e.getValue().count().sum()).sum();
    return String.format(
        Locale.ROOT,
        "%d in %d s, %d of them in %d s: %s",
        all,
        seconds.size(),
        held,
        worstSeconds.size(),
        worstSeconds.stream()
            .map(
                e ->
                    String.format(
                        Locale.ROOT,
                        "%s %d (max %.0f ms)",
                        CLOCK.format(Instant.ofEpochSecond(e.getKey())),
                        e.getValue().count().sum(),
                        e.getValue().slowestMicros().get() / 1000.0))
            .collect(Collectors.joining(", ")));
  }
}
