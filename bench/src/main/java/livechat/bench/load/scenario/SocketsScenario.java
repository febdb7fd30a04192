package livechat.bench.load.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import livechat.bench.load.Conversation;
import livechat.bench.load.ProcessStats;
import livechat.bench.load.Report;
import livechat.bench.load.ResourceMeter;
import livechat.bench.load.SocketSet;
import livechat.bench.load.Target;
import livechat.bench.load.Traffic;

/**
 * Many visitor sockets held open on conversations nobody answers; then the server's heap after a
 * full GC and the processes' RSS. The generator holds every socket itself, so it asks for no more
 * than its own open-file limit allows, keeping a margin for its jars and connections.
 */
public final class SocketsScenario implements Scenario {

  private static final int FILE_MARGIN = 400;

  private final int sockets;

  public SocketsScenario(int sockets) {
    this.sockets = sockets;
  }

  @Override
  public String name() {
    return "sockets";
  }

  @Override
  public Report run(Target target) throws Exception {
    int count = (int) Math.min(sockets, openFileLimit() - FILE_MARGIN);
    long startStarted = System.nanoTime();
    List<Conversation> conversations = target.startUnansweredConversations(count);
    double startSeconds = (System.nanoTime() - startStarted) / 1e9;
    Map<String, Long> processes = target.processes();
    long server = processes.values().iterator().next();
    Traffic ignored = new Traffic(false);
    long openStarted = System.nanoTime();
    try (SocketSet set = SocketSet.open(target, conversations, ignored)) {
      double openSeconds = (System.nanoTime() - openStarted) / 1e9;
      String heap =
          ProcessStats.heapAfterFullGc(server)
              .map(bytes -> bytes / (1024 * 1024) + "MiB")
              .orElse("n/a");
      List<ResourceMeter.Usage> usage = ResourceMeter.start(processes).stop();
      return Report.of(name(), target.name(), Double.NaN, null, usage)
          .with("sockets open", set.size() + " of " + count + " (" + set.failures() + " failed)")
          .with("heap after full GC", heap)
          .with(
              "took",
              String.format(
                  java.util.Locale.ROOT,
                  "starts %.0f s, sockets %.0f s",
                  startSeconds,
                  openSeconds));
    }
  }

  private static long openFileLimit() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
      if (line.startsWith("Max open files")) {
        String soft = line.substring("Max open files".length()).trim().split("\\s+")[0];
        return soft.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(soft);
      }
    }
    return Long.MAX_VALUE;
  }
}
