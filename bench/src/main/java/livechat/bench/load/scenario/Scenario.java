package livechat.bench.load.scenario;

import java.time.Duration;
import java.util.Optional;
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
   * A round of {@code length} that warms a target up for this scenario, where its code is not what
   * the messaging warm-up compiles: none by default.
   */
  default Optional<Scenario> warmUpRound(Duration length) {
    return Optional.empty();
  }
}
