package livechat.bench.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The generator's command line, {@code --name value} pairs and a few flags. */
public record Options(
    String scenario,
    List<String> targets,
    String nodeUrl,
    String adminToken,
    boolean startNode,
    int nodePort,
    List<String> nodeJvmOptions,
    Path serverJavaHome,
    long nodePid,
    String relayUrl,
    int relayPort,
    Duration duration,
    Duration warmup,
    Duration warmupMax,
    int repeat,
    int sockets,
    int depth,
    int startRate,
    Path repository) {

  public static final String USAGE =
"""
usage: LoadGenerator [--scenario NAME|all] [--target node|relay|both] [--duration 30s]
                     [--warmup 15s] [--warmup-max 300s] [--repeat 1]
                     [--url http://127.0.0.1:8080 --admin-token T [--node-pid P]]
                     [--start-node [--node-port 18080] [--node-jvm-options "-Xmx1g ..."]]
                     [--server-java JAVA_HOME]
                     [--relay-url http://127.0.0.1:8090 | --relay-port 18090]
                     [--sockets 19000] [--depth 10000] [--start-rate 500] [--repo DIR]
scenarios: ping-pong-1 ping-pong-50 saturation steady-500 steady-2000 depth assignment sockets
""";

  public static Options parse(String[] args) {
    Map<String, String> values = new HashMap<>();
    boolean startNode = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--start-node")) {
        startNode = true;
      } else if (arg.startsWith("--") && i + 1 < args.length) {
        values.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException("unexpected argument " + arg + "\n" + USAGE);
      }
    }
    String target = values.getOrDefault("target", "both");
    List<String> targets = target.equals("both") ? List.of("node", "relay") : List.of(target);
    String nodeUrl = values.get("url");
    if (targets.contains("node") && nodeUrl == null && !startNode) {
      throw new IllegalArgumentException("give --url and --admin-token, or --start-node\n" + USAGE);
    }
    String jvm = values.getOrDefault("node-jvm-options", "").trim();
    return new Options(
        values.getOrDefault("scenario", "all"),
        targets,
        nodeUrl,
        values.get("admin-token"),
        startNode,
        Integer.parseInt(values.getOrDefault("node-port", "18080")),
        jvm.isEmpty() ? List.of() : new ArrayList<>(List.of(jvm.split("\\s+"))),
        Path.of(values.getOrDefault("server-java", System.getProperty("java.home"))),
        Long.parseLong(values.getOrDefault("node-pid", "0")),
        values.get("relay-url"),
        Integer.parseInt(values.getOrDefault("relay-port", "18090")),
        seconds(values.getOrDefault("duration", "30")),
        seconds(values.getOrDefault("warmup", "15")),
        seconds(values.getOrDefault("warmup-max", "300")),
        Integer.parseInt(values.getOrDefault("repeat", "1")),
        Integer.parseInt(values.getOrDefault("sockets", "19000")),
        Integer.parseInt(values.getOrDefault("depth", "10000")),
        Integer.parseInt(values.getOrDefault("start-rate", "500")),
        repository(values.get("repo")));
  }

  private static Duration seconds(String value) {
    return Duration.ofSeconds(Long.parseLong(value.replace("s", "")));
  }

  /** The repository root: the given one, or the nearest parent holding the node's jar. */
  private static Path repository(String given) {
    if (given != null) {
      return Path.of(given).toAbsolutePath();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve("cluster-config/target/livechat.jar"))) {
        return dir;
      }
    }
    return Path.of("").toAbsolutePath();
  }
}
