package livechat.bench.load.scenario;

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
}
