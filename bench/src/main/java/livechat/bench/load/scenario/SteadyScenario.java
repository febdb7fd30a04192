package livechat.bench.load.scenario;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import livechat.bench.load.Conversation;
import livechat.bench.load.MessageLedger;
import livechat.bench.load.Report;
import livechat.bench.load.ResourceMeter;
import livechat.bench.load.Role;
import livechat.bench.load.SocketSet;
import livechat.bench.load.Target;
import livechat.bench.load.Traffic;

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
    List<Conversation> started = target.startConversations(conversations);
    Traffic traffic = new Traffic(false);
    try (SocketSet sockets = SocketSet.open(target, started, traffic)) {
      traffic.use(sockets);
      ResourceMeter meter = ResourceMeter.start(target.processes());
      long start = System.nanoTime();
      long interval = TimeUnit.SECONDS.toNanos(1) / rate;
      long total = duration.toSeconds() * rate;
      for (long k = 0; k < total; k++) {
        long due = start + k * interval;
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
          LockSupport.parkNanos(wait); // pacing the schedule
        }
        int n = started.size();
        Role from = (k / n) % 2 == 0 ? Role.VISITOR : Role.OPERATOR;
        traffic.send(started.get((int) (k % n)).id(), from, due);
      }
      traffic.stop();
      traffic.ledger().awaitDrained(TimeUnit.SECONDS.toNanos(15));
      List<ResourceMeter.Usage> usage = meter.stop();
      MessageLedger.Tally tally = traffic.ledger().tally();
      double seconds = (traffic.ledger().lastDeliveryNanos() - start) / 1e9;
      return Report.of(name, target.name(), tally.received() / seconds, tally, usage)
          .with("offered", rate + "/s")
          .with("sockets", Integer.toString(sockets.size()))
          .with("errors", traffic.errorCodes().toString());
    } finally {
      target.endConversations(started);
    }
  }
}
