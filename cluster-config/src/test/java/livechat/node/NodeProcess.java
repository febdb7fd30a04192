package livechat.node;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import livechat.persistence.testing.TestCassandra;

/**
 * The packaged node ({@code java -jar livechat.jar}) run as a separate process in its own working
 * directory, on free ports, with its output kept in files.
 */
final class NodeProcess {

  private static final Path JAR =
      Path.of(System.getProperty("livechat.jar", "target/livechat.jar"));
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** The ports a node uses; the same ones let a restarted node find its data again. */
  record Ports(int http, int cluster, int cql, int storage) {
    static Ports free() {
      return new Ports(
          TestCassandra.freePort(),
          TestCassandra.freePort(),
          TestCassandra.freePort(),
          TestCassandra.freePort());
    }
  }

  private final Process process;
  private final Path directory;
  private final Ports ports;

  private NodeProcess(Process process, Path directory, Ports ports) {
    this.process = process;
    this.directory = directory;
    this.ports = ports;
  }

  /** Starts the jar in the directory; its data goes to {@code data/} there. */
  static NodeProcess start(Path directory, Ports ports) {
    return start(directory, ports, Map.of());
  }

  /** Starts the jar with more environment variables, such as a cluster's. */
  static NodeProcess start(Path directory, Ports ports, Map<String, String> environment) {
    Path stdout = directory.resolve("stdout.txt");
    Path stderr = directory.resolve("stderr.txt");
    ProcessBuilder builder =
        new ProcessBuilder(
                List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx512m",
                    "-jar",
                    JAR.toAbsolutePath().toString()))
            .directory(directory.toFile())
            .redirectOutput(stdout.toFile())
            .redirectError(stderr.toFile());
    Map<String, String> env = builder.environment();
    env.put("LIVECHAT_HTTP_INTERFACE", "127.0.0.1");
    env.put("LIVECHAT_HTTP_PORT", Integer.toString(ports.http()));
    env.put("LIVECHAT_CLUSTER_PORT", Integer.toString(ports.cluster()));
    env.put("LIVECHAT_EMBEDDED_CASSANDRA_CQL_PORT", Integer.toString(ports.cql()));
    env.put("LIVECHAT_EMBEDDED_CASSANDRA_STORAGE_PORT", Integer.toString(ports.storage()));
    env.put("LIVECHAT_EMBEDDED_CASSANDRA_HEAP", "256m");
    // every test client is 127.0.0.1: the per-address limits are for the open internet
    env.put("LIVECHAT_LIMIT_STARTS_PER_MINUTE", "1000000");
    env.put("LIVECHAT_LIMIT_LOGINS_PER_MINUTE", "1000000");
    env.put("LIVECHAT_WAITING_WITHOUT_VISITOR_TIMEOUT", "1h");
    env.put(
        "LIVECHAT_EMBEDDED_CASSANDRA_CLASSPATH_FILE",
        System.getProperty("livechat.cassandra.embedded.classpath-file"));
    env.putAll(environment);
    try {
      return new NodeProcess(builder.start(), directory, ports);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until {@code GET /health} answers 200, failing early if the process exits. */
  void awaitHealthy(Duration within) {
    await()
        .atMost(within)
        .pollInterval(Duration.ofMillis(250))
        .failFast("the node exited: " + stderr(), () -> !process.isAlive())
        .until(() -> healthStatus() == 200);
  }

  int healthStatus() {
    try {
      return get("/health").statusCode();
    } catch (UncheckedIOException notListening) {
      return -1;
    }
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> putJson(String path, String token, String json) {
    return send(
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Authorization", "Bearer " + token)
            .PUT(HttpRequest.BodyPublishers.ofString(json)));
  }

  /** The lines the node printed on standard output. */
  List<String> stdout() {
    return lines(directory.resolve("stdout.txt"));
  }

  /** The lines the node printed on standard error. */
  List<String> stderr() {
    return lines(directory.resolve("stderr.txt"));
  }

  /** The admin token the node printed at start. */
  String printedAdminToken() {
    String prefix = "livechat: admin token ";
    return stdout().stream()
        .filter(line -> line.startsWith(prefix))
        .map(line -> line.substring(prefix.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no admin token printed: " + stdout()));
  }

  /** The processes the node started, such as its Cassandra. */
  List<ProcessHandle> children() {
    return process.descendants().toList();
  }

  /** Sends SIGTERM and waits for the process to exit; returns its exit code. */
  int terminate(Duration within) {
    process.destroy();
    return awaitExit(within);
  }

  /** Waits for the process to exit by itself; returns its exit code. */
  int awaitExit(Duration within) {
    try {
      if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the node did not exit within " + within);
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Kills the node and what it started at once (SIGKILL), as a crash would. */
  void kill() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The base address of the node's HTTP API. */
  URI http() {
    return URI.create("http://127.0.0.1:" + ports.http());
  }

  Ports ports() {
    return ports;
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + ports.http() + path);
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(
          request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      return Files.exists(file) ? Files.readAllLines(file) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
