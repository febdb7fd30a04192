package livechat.bench.load.scenario;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import livechat.bench.load.Conversation;
import livechat.bench.load.Report;
import livechat.bench.load.Role;
import livechat.bench.load.Target;

/**
 * Pairs of a visitor socket and an operator socket on one conversation, each with a fixed number of
 * messages in flight: whoever receives a message answers it, for a fixed duration. One in flight is
 * ping-pong; many in flight saturates the server.
 */
public final class PingPongScenario implements Scenario {

  private final String name;
  private final int pairs;
  private final int inFlight;
  private final Duration duration;

  public PingPongScenario(String name, int pairs, int inFlight, Duration duration) {
    this.name = name;
    this.pairs = pairs;
    this.inFlight = inFlight;
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
        pairs,
        true,
        (conversations, traffic, start) -> {
          for (Conversation conversation : conversations) {
            for (int i = 0; i < inFlight; i++) {
              traffic.send(conversation.id(), Role.VISITOR, System.nanoTime());
            }
          }
          TimeUnit.NANOSECONDS.sleep(duration.toNanos()); // the measured window, not a wait
        });
  }
}
