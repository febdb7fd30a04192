package livechat.bench.load.scenario;

import java.time.Duration;
import livechat.bench.load.Report;
import livechat.bench.load.Role;
import livechat.bench.load.Target;

/**
 * Many conversations under an open-loop constant rate: message k is due at start + k / rate,
 * whatever the answers, sent in turn by each conversation's visitor then its operator. Latency is
 * measured from the due time, so a server that falls behind shows it.
 */
public final class SteadyScenario implements Scenario {

  private final String name;
  private final int conversations;
  private final int rate;
  private final Duration duration;

  public SteadyScenario(String name, int conversations, int rate, Duration duration) {
    this.name = name;
    this.conversations = conversations;
    this.rate = rate;
    this.duration = duration;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Report run(Target target) throws Exception {
    return MessagingRun.measure(
            name,
            target,
            conversations,
            false,
            (started, traffic, start) ->
                OpenLoop.run(
                    start,
                    rate,
                    duration,
                    (k, due) -> {
                      int n = started.size();
                      Role from = (k / n) % 2 == 0 ? Role.VISITOR : Role.OPERATOR;
                      traffic.send(started.get((int) (k % n)).id(), from, due);
                    }))
        .with("offered", rate + "/s");
  }
}
