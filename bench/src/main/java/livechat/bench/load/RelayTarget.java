package livechat.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/** The ceiling relay as a target: conversations are pair ids made up here. */
public final class RelayTarget implements Target {

  private final HttpClient http;
  private final URI base;
  private final ServerProcess process;
  private final AtomicLong pairs = new AtomicLong();

  private RelayTarget(HttpClient http, URI base, ServerProcess process) {
    this.http = http;
    this.base = base;
    this.process = process;
  }

  /**
   * Uses a running relay at {@code url}, or starts one on {@code port} with this classpath, on the
   * Java installation at {@code javaHome}.
   */
  public static RelayTarget open(HttpClient http, String url, int port, Path javaHome, Path logDir)
      throws Exception {
    if (url != null) {
      return new RelayTarget(http, URI.create(url), null);
    }
    Path java = javaHome.resolve("bin/java");
    List<String> command =
        List.of(
            java.toString(),
            "-cp",
            System.getProperty("java.class.path"),
            "livechat.bench.relay.CeilingRelay",
            Integer.toString(port));
    ServerProcess process =
        ServerProcess.start(
            command,
            Map.of(),
            Path.of("").toAbsolutePath(),
            logDir.resolve("relay.log"),
            "relay: listening");
    return new RelayTarget(http, URI.create("http://127.0.0.1:" + port), process);
  }

  @Override
  public String name() {
    return "relay";
  }

  @Override
  public HttpClient http() {
    return http;
  }

  @Override
  public URI socketUri(String token) {
    return URI.create(base.toString().replaceFirst("^http", "ws") + "/ws?token=" + token);
  }

  @Override
  public Map<String, Long> processes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    if (process != null) {
      pids.put("relay", process.pid());
    }
    pids.put("generator", ProcessHandle.current().pid());
    return pids;
  }

  @Override
  public List<Conversation> startConversations(int count) {
    List<Conversation> conversations = new ArrayList<>();
    int operators = Math.min(count, OPERATORS);
    for (int i = 0; i < count; i++) {
      String pair = "p" + pairs.incrementAndGet();
      String operator = "op" + (i % operators);
      conversations.add(new Conversation(pair, "v:" + pair + ":" + operator, "o:" + operator));
    }
    return conversations;
  }

  @Override
  public List<Conversation> startUnansweredConversations(int count) {
    List<Conversation> conversations = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String pair = "p" + pairs.incrementAndGet();
      conversations.add(new Conversation(pair, "v:" + pair + ":nobody", null));
    }
    return conversations;
  }

  @Override
  public void endConversations(List<Conversation> conversations) {}

  @Override
  public Optional<NodeApi> api() {
    return Optional.empty();
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      process.close();
    }
  }
}
