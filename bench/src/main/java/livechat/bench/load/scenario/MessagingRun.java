package livechat.bench.load.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import livechat.bench.load.Conversation;
import livechat.bench.load.MessageLedger;
import livechat.bench.load.Report;
import livechat.bench.load.ResourceMeter;
import livechat.bench.load.SocketSet;
import livechat.bench.load.Target;
import livechat.bench.load.Traffic;

/**
 * A measured run of messages over sockets, as the messaging scenarios share it: conversations
 * started, a visitor and an operator socket on each, the traffic driven, then drained for up to 15
 * s and tallied; the conversations are ended afterwards either way.
 */
final class MessagingRun {

  private static final String TIMELINE_PROPERTY = "livechat.bench.timeline";

  /** What a scenario sends, from the measured window's start ({@link System#nanoTime}). */
  interface Driver {
    void drive(List<Conversation> conversations, Traffic traffic, long startNanos) throws Exception;
  }

  private MessagingRun() {}

  /**
   * Runs {@code driver} over {@code count} conversations; {@code answer} makes whoever receives a
   * message answer it (ping-pong).
   */
  static Report measure(String name, Target target, int count, boolean answer, Driver driver)
      throws Exception {
    List<Conversation> conversations = target.startConversations(count);
    Traffic traffic = new Traffic(answer);
    try (SocketSet sockets = SocketSet.open(target, conversations, traffic)) {
      traffic.use(sockets);
      ResourceMeter meter = ResourceMeter.start(target.processes());
      long start = System.nanoTime();
      driver.drive(conversations, traffic, start);
      traffic.stop();
      traffic.ledger().awaitDrained(TimeUnit.SECONDS.toNanos(15));
      List<ResourceMeter.Usage> usage = meter.stop();
      MessageLedger.Tally tally = traffic.ledger().tally();
      writeTimeline(name, target, traffic.ledger());
      double seconds = (traffic.ledger().lastDeliveryNanos() - start) / 1e9;
      return Report.of(name, target.name(), tally.received() / seconds, tally, usage)
          .with("sockets", Integer.toString(sockets.size()))
          .with("errors", traffic.errorCodes().toString());
    } finally {
      target.endConversations(conversations);
    }
  }

  /**
   * With {@code -Dlivechat.bench.timeline=DIR}, every message of the run goes to a CSV file there
   * ({@link MessageLedger#writeTimeline}), one file a run.
   */
  private static void writeTimeline(String name, Target target, MessageLedger ledger)
      throws IOException {
    String directory = System.getProperty(TIMELINE_PROPERTY);
    if (directory != null) {
      Path dir = Files.createDirectories(Path.of(directory));
      ledger.writeTimeline(
          dir.resolve(name + "-" + target.name() + "-" + System.currentTimeMillis() + ".csv"));
    }
  }
}
