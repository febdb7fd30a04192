package livechat.bench.load.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import livechat.bench.load.ChatSocket;
import livechat.bench.load.Conversation;
import livechat.bench.load.Frame;
import livechat.bench.load.MessageLedger;
import livechat.bench.load.NodeApi;
import livechat.bench.load.Report;
import livechat.bench.load.ResourceMeter;
import livechat.bench.load.Role;
import livechat.bench.load.SocketSet;
import livechat.bench.load.Target;
import livechat.bench.load.Traffic;

/**
 * One conversation driven to {@code depth} messages by one ping-pong pair: rate and latency over
 * its first and its last {@code window} messages; then a new socket that subscribes from seq 0 must
 * receive every message once and in order (timed), and a history page near the end is read (timed).
 * The report's main figures are those of the last window.
 */
public final class DepthScenario implements Scenario {

  private static final int HISTORY_READS = 10;

  private final int depth;
  private final int window;

  public DepthScenario(int depth, int window) {
    this.depth = depth;
    this.window = window;
  }

  @Override
  public String name() {
    return "depth";
  }

  @Override
  public Report run(Target target) throws Exception {
    List<Conversation> conversations = target.startConversations(1);
    Conversation conversation = conversations.get(0);
    Traffic first = new Traffic(true);
    Traffic middle = new Traffic(true);
    Traffic last = new Traffic(true);
    try (SocketSet sockets =
        SocketSet.open(target, conversations, new Phases(first, middle, last))) {
      ResourceMeter meter = ResourceMeter.start(target.processes());
      Window head = drive(first, sockets, conversation, window);
      drive(middle, sockets, conversation, depth - 2 * window);
      Window tail = drive(last, sockets, conversation, window);
      List<ResourceMeter.Usage> usage = meter.stop();
      Report report =
          Report.of(name(), target.name(), tail.rate(), tail.tally(), usage)
              .with("depth 0", head.summary())
              .with("depth " + depth, tail.summary());
      if (target.api().isPresent()) {
        report.with("resume", resume(target, conversation));
        report.with("history page", history(target.api().get(), conversation));
      }
      return report;
    } finally {
      target.endConversations(conversations);
    }
  }

  private record Window(double rate, MessageLedger.Tally tally) {
    String summary() {
      return String.format(
          java.util.Locale.ROOT,
          "%.0f msg/s p99 %.2f ms",
          rate,
          tally.delivery().getValueAtPercentile(99) / 1000.0);
    }
  }

  private static Window drive(Traffic traffic, SocketSet sockets, Conversation c, long messages)
      throws InterruptedException {
    traffic.use(sockets);
    traffic.limit(messages);
    long start = System.nanoTime();
    traffic.send(c.id(), Role.VISITOR, start);
    traffic.awaitBudgetDelivered(TimeUnit.MINUTES.toNanos(10));
    MessageLedger.Tally tally = traffic.ledger().tally();
    return new Window(
        tally.received() / ((traffic.ledger().lastDeliveryNanos() - start) / 1e9), tally);
  }

  /** Routes frames to the phase running now; the phases run one after the other. */
  private static final class Phases implements ChatSocket.Handler {
    private final List<Traffic> phases;

    Phases(Traffic... phases) {
      this.phases = List.of(phases);
    }

    @Override
    public void onFrame(ChatSocket socket, JsonNode frame, long receivedNanos) {
      for (Traffic phase : phases) {
        phase.onFrame(socket, frame, receivedNanos);
      }
    }
  }

  /** A new visitor socket subscribing from seq 0: how long until it has every message. */
  private static String resume(Target target, Conversation conversation) throws Exception {
    NodeApi api = target.api().orElseThrow();
    long lastSeq =
        api.conversation(conversation.id(), conversation.visitorToken()).path("lastSeq").asLong();
    CompletableFuture<Long> complete = new CompletableFuture<>();
    long[] expected = {1};
    long[] outOfOrder = {0};
    ChatSocket.Handler collector =
        (socket, frame, now) -> {
          if (!frame.path("type").asText().equals("message")) {
            return;
          }
          long seq = frame.path("seq").asLong();
          if (seq != expected[0]) {
            outOfOrder[0]++;
          }
          expected[0] = seq + 1;
          if (seq >= lastSeq) {
            complete.complete(now);
          }
        };
    HttpClient http = target.http();
    ChatSocket socket =
        ChatSocket.open(
                http, target.socketUri(conversation.visitorToken()), Role.VISITOR, collector)
            .get(30, TimeUnit.SECONDS);
    try {
      long start = System.nanoTime();
      socket.send(Frame.subscribe(conversation.id(), 0));
      long done = complete.get(2, TimeUnit.MINUTES);
      return String.format(
          java.util.Locale.ROOT,
          "%d of %d in order in %.0f ms (%d out of order)",
          expected[0] - 1,
          lastSeq,
          (done - start) / 1e6,
          outOfOrder[0]);
    } finally {
      socket.close();
    }
  }

  /** The median time of reading the page of 100 messages before the last 100. */
  private String history(NodeApi api, Conversation conversation) throws Exception {
    List<Long> nanos = new ArrayList<>();
    int size = 0;
    for (int i = 0; i < HISTORY_READS; i++) {
      long start = System.nanoTime();
      JsonNode page =
          api.messages(conversation.id(), conversation.visitorToken(), depth - 100, 100);
      nanos.add(System.nanoTime() - start);
      size = page.path("messages").size();
    }
    Collections.sort(nanos);
    return String.format(
        java.util.Locale.ROOT,
        "%d messages in %.2f ms (median of %d)",
        size,
        nanos.get(nanos.size() / 2) / 1e6,
        HISTORY_READS);
  }
}
