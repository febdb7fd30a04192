package livechat.bench.load;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import livechat.bench.load.scenario.PingPongScenario;
import livechat.bench.load.scenario.Scenario;

/**
 * Unreported runs on a target before anything is measured (saturating messaging, or a scenario's
 * own load where its code is not what messaging compiles), so that its JIT has compiled what the
 * scenarios use: at least {@code minimum}, then rounds of {@link #ROUND} for as long as the
 * server's JIT compiled more than {@link #SETTLED} of a second a second (summed over its compiler
 * threads) in the last round, up to {@code maximum} in all. On two cores a node's compilers keep
 * one busy for minutes after it starts, and whatever a run measures meanwhile is the JIT's share of
 * the machine, not the server's speed.
 */
final class WarmUp {

  static final Duration ROUND = Duration.ofSeconds(10);

  /** The load of a warm-up for messaging: 50 pairs, 4 messages in flight each. */
  static final Function<Duration, Scenario> MESSAGING =
      length -> new PingPongScenario("warm-up", 50, 4, length);

  /** Compile time a second of a round (100 ms) below which the JIT counts as settled. */
  static final double SETTLED = 0.10;

  private final Duration minimum;
  private final Duration maximum;

  WarmUp(Duration minimum, Duration maximum) {
    this.minimum = minimum;
    this.maximum = maximum;
  }

  /**
   * Warms the target up with rounds of {@code load} and returns the lines to print: each round's
   * report, then the outcome.
   */
  String run(Target target, Function<Duration, Scenario> load) throws Exception {
    if (minimum.isZero()) {
      return "";
    }
    StringBuilder lines = new StringBuilder();
    long started = System.nanoTime();
    Long server = target.processes().get(target.name());
    Duration next = minimum;
    Optional<Long> compiled = jitNanos(server);
    long sampledAt = System.nanoTime();
    double compiling;
    do {
      Report report = load.apply(next).run(target);
      Optional<Long> before = compiled;
      long roundStarted = sampledAt;
      compiled = jitNanos(server);
      sampledAt = System.nanoTime();
      compiling =
          before.isPresent() && compiled.isPresent()
              ? (double) (compiled.get() - before.get()) / (sampledAt - roundStarted)
              : Double.NaN;
      lines.append(lines.isEmpty() ? "" : "\n").append("  (").append(report.line()).append(")");
      next = ROUND;
    } while (compiling >= SETTLED && elapsed(started).plus(ROUND).compareTo(maximum) <= 0);
    lines.append(
        String.format(
            Locale.ROOT,
            "\n  (%s warmed up for %d s; in the last round its JIT compiled %s a second)",
            target.name(),
            elapsed(started).toSeconds(),
            Double.isNaN(compiling) ? "n/a" : Math.round(1000 * compiling) + " ms"));
    return lines.toString();
  }

  private static Optional<Long> jitNanos(Long pid) {
    return pid == null ? Optional.empty() : ProcessStats.jitNanos(pid);
  }

  private static Duration elapsed(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}
