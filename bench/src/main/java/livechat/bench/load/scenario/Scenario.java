package livechat.bench.load.scenario;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import livechat.bench.load.Report;
import livechat.bench.load.Target;

/** One measured situation, run against a target, summed up in one report line. */
public interface Scenario {

  String name();

  Report run(Target target) throws Exception;

  /** Whether the target can play this scenario (the relay has no REST API, for instance). */
  default boolean supports(Target target) {
    return true;
  }

  /**
   * The load that warms a target up for this scenario, a round of the given length at a time, where
   * its code is not what the messaging warm-up compiles: none by default.
   */
  default Optional<Function<Duration, Scenario>> ownWarmUp() {
    return Optional.empty();
  }
}
