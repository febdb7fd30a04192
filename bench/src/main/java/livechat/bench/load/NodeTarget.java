package livechat.bench.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The livechat node as a target, set up through its admin API only: one channel with {@link
 * #OPERATORS} operators joined (created, logged in and joined on first use), on which conversations
 * start and are assigned to the least loaded of them.
 */
public final class NodeTarget implements Target {

  private static final String PASSWORD = "bench-password-1";
  private static final int CAPACITY = 100_000;
  private static final int CONCURRENT_STARTS = 32;
  private static final String VISITOR_LIMIT = "livechat.conversation.visitor-messages-per-minute";
  private static final String UNLIMITED = "100000000";

  private final HttpClient http;
  private final URI base;
  private final NodeApi api;
  private final ServerProcess process;
  private final long nodePid;
  private final String run = Long.toString(System.currentTimeMillis(), 36);
  private final Map<String, String> operatorTokens = new LinkedHashMap<>();
  private String channelId;
  private long lastHeartbeatNanos;

  private NodeTarget(
      HttpClient http, URI base, String adminToken, ServerProcess process, long pid) {
    this.http = http;
    this.base = base;
    this.api = new NodeApi(http, base, adminToken);
    this.process = process;
    this.nodePid = pid;
  }

  /**
   * A running node at the options' URL, or one started on fresh data under {@code work}: a node
   * started over an earlier run's data would first recover its channels' long journals, and its
   * figures would not compare with a fresh node's.
   */
  public static NodeTarget open(HttpClient http, Options options, Path work) throws Exception {
    if (!options.startNode()) {
      URI base = URI.create(options.nodeUrl());
      long pid = options.nodePid() != 0 ? options.nodePid() : findNodePid();
      return ready(new NodeTarget(http, base, options.adminToken(), null, pid));
    }
    String adminToken = UUID.randomUUID().toString();
    Path java = options.serverJavaHome().resolve("bin/java");
    // a benchmark's visitors send far more than 30 messages a minute; the system property works
    // on any node, the environment variable only where node.conf reads it
    List<String> command =
        new ArrayList<>(List.of(java.toString(), "-D" + VISITOR_LIMIT + "=" + UNLIMITED));
    command.addAll(options.nodeJvmOptions());
    command.addAll(List.of("-jar", "cluster-config/target/livechat.jar"));
    int port = options.nodePort();
    Map<String, String> env = new HashMap<>();
    env.put("LIVECHAT_HTTP_INTERFACE", "127.0.0.1");
    env.put("LIVECHAT_HTTP_PORT", Integer.toString(port));
    env.put("LIVECHAT_ADMIN_TOKEN", adminToken);
    env.put("LIVECHAT_DATA_DIR", freshDirectory(work.resolve("node-data")).toString());
    env.put("LIVECHAT_VISITOR_MESSAGES_PER_MINUTE", UNLIMITED);
    // the assignment scenario's visitors start over REST and open no socket
    env.put("LIVECHAT_WAITING_WITHOUT_VISITOR_TIMEOUT", "1h");
    // the generator is one address: lift the per-address limits too
    env.put("LIVECHAT_LIMIT_STARTS_PER_MINUTE", UNLIMITED);
    env.put("LIVECHAT_LIMIT_LOGINS_PER_MINUTE", UNLIMITED);
    env.put("LIVECHAT_MAX_QUEUE_LENGTH", UNLIMITED);
    env.put("LIVECHAT_WEBSOCKET_FRAMES_PER_SECOND", UNLIMITED);
    env.put("LIVECHAT_WEBSOCKET_FRAMES_BURST", UNLIMITED);
    // ports of their own, so that a node or test elsewhere on this machine does not collide
    env.put("LIVECHAT_EMBEDDED_CASSANDRA_CQL_PORT", Integer.toString(port + 1));
    env.put("LIVECHAT_EMBEDDED_CASSANDRA_STORAGE_PORT", Integer.toString(port + 2));
    env.put("LIVECHAT_CLUSTER_PORT", Integer.toString(port + 3));
    // Cassandra 5.0 runs on Java 11 or 17: on the generator's, whatever the node runs on
    env.put("LIVECHAT_EMBEDDED_CASSANDRA_JAVA_HOME", System.getProperty("java.home"));
    ServerProcess process =
        ServerProcess.start(
            command, env, options.repository(), work.resolve("node.log"), "livechat: listening");
    URI base = URI.create("http://127.0.0.1:" + port);
    return ready(new NodeTarget(http, base, adminToken, process, process.pid()));
  }

  private static Path freshDirectory(Path directory) throws IOException {
    if (Files.exists(directory)) {
      try (Stream<Path> paths = Files.walk(directory)) {
        for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(path);
        }
      }
    }
    return directory;
  }

  /**
   * Waits for /health to answer 200: the node prints that it listens once bound, but it is ready
   * only once it is an Up member and Cassandra answers, which a loaded machine may delay.
   */
  private static NodeTarget ready(NodeTarget target) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    int status = target.api.health();
    while (status != 200 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(500); // polling /health, the node's only readiness signal
      status = target.api.health();
    }
    if (status != 200) {
      target.close();
      throw new IOException("GET /health still answered " + status);
    }
    return target;
  }

  private static long findNodePid() {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().orElse("").contains("livechat.jar"))
        .mapToLong(ProcessHandle::pid)
        .findFirst()
        .orElse(0);
  }

  @Override
  public String name() {
    return "node";
  }

  @Override
  public HttpClient http() {
    return http;
  }

  /** A client for visitors' starts at a high rate, to close after the run. */
  public StartClient startClient() {
    return new StartClient(base);
  }

  @Override
  public URI socketUri(String token) {
    return URI.create(base.toString().replaceFirst("^http", "ws") + "/ws?token=" + token);
  }

  @Override
  public Map<String, Long> processes() {
    Map<String, Long> pids = new LinkedHashMap<>();
    if (nodePid != 0) {
      pids.put("node", nodePid);
      ProcessHandle.of(nodePid)
          .flatMap(node -> node.children().findFirst())
          .ifPresent(cassandra -> pids.put("cassandra", cassandra.pid()));
    }
    pids.put("generator", ProcessHandle.current().pid());
    return pids;
  }

  @Override
  public Optional<NodeApi> api() {
    return Optional.of(api);
  }

  /** The benchmark channel, with its operators created, logged in and joined the first time. */
  private synchronized String channel() throws Exception {
    if (channelId == null) {
      channelId = api.createChannel("bench-" + run);
      List<String> tokens = operators(OPERATORS);
      for (String token : tokens) {
        api.join(channelId, token);
      }
      lastHeartbeatNanos = System.nanoTime();
    } else if (System.nanoTime() - lastHeartbeatNanos > TimeUnit.MINUTES.toNanos(10)) {
      for (String token : operatorTokens.values()) {
        api.heartbeat(token);
      }
      lastHeartbeatNanos = System.nanoTime();
    }
    return channelId;
  }

  /** The tokens of the first {@code count} operators, created and logged in as needed. */
  private List<String> operators(int count) throws Exception {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    Semaphore permits = new Semaphore(4);
    for (int i = operatorTokens.size(); i < count; i++) {
      String login = "bench-" + run + "-" + i;
      permits.acquire();
      pending.add(
          CompletableFuture.runAsync(
              () -> {
                try {
                  api.createOperator(login, PASSWORD, CAPACITY);
                  String token = api.login(login, PASSWORD);
                  synchronized (operatorTokens) {
                    operatorTokens.put(login, token);
                  }
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                } finally {
                  permits.release();
                }
              }));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    return new ArrayList<>(operatorTokens.values()).subList(0, count);
  }

  /** A new channel joined by the first {@code count} operators; for the assignment scenario. */
  public String channelWithOperators(int count) throws Exception {
    channel();
    String channel = api.createChannel("bench-" + run + "-" + System.nanoTime());
    for (String token : operators(count)) {
      api.join(channel, token);
    }
    return channel;
  }

  @Override
  public List<Conversation> startConversations(int count) throws Exception {
    String channel = channel();
    return start(channel, count, true);
  }

  @Override
  public List<Conversation> startUnansweredConversations(int count) throws Exception {
    return start(api.createChannel("bench-" + run + "-empty-" + System.nanoTime()), count, false);
  }

  private List<Conversation> start(String channel, int count, boolean answered) throws Exception {
    List<Conversation> conversations = new ArrayList<>();
    Semaphore permits = new Semaphore(CONCURRENT_STARTS);
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    try (StartClient client = startClient()) {
      for (int i = 0; i < count; i++) {
        permits.acquire();
        pending.add(
            client
                .start(channel)
                .thenAccept(
                    answer -> {
                      Conversation conversation = conversation(answer, answered);
                      synchronized (conversations) {
                        conversations.add(conversation);
                      }
                    })
                .whenComplete((ok, failure) -> permits.release()));
      }
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
    }
    return conversations;
  }

  private Conversation conversation(StartClient.Answer answer, boolean answered) {
    if (answer.status() != 201) {
      throw new IllegalStateException("a start answered " + answer.status() + ": " + answer.body());
    }
    var started = Frame.read(answer.body());
    String id = started.get("conversationId").asText();
    String visitorToken = started.get("visitorToken").asText();
    String operatorToken = null;
    if (answered) {
      String operator = started.path("operator").path("displayName").asText(null);
      if (operator == null) {
        // a start behind others in the queue is answered "waiting", then assigned
        operator = assignedOperator(id, visitorToken);
      }
      operatorToken = operatorTokens.get(operator);
      if (operatorToken == null) {
        throw new IllegalStateException("a start was not assigned: " + answer.body());
      }
    }
    return new Conversation(id, visitorToken, operatorToken);
  }

  /** The display name of the operator the waiting conversation gets, within 30 s. */
  private String assignedOperator(String conversationId, String visitorToken) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try {
      while (System.nanoTime() < deadline) {
        String operator =
            api.conversation(conversationId, visitorToken)
                .path("operator")
                .path("displayName")
                .asText(null);
        if (operator != null) {
          return operator;
        }
        Thread.sleep(20); // set-up pacing while the channel drains its queue
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }

  @Override
  public void endConversations(List<Conversation> conversations) throws Exception {
    for (Conversation conversation : conversations) {
      api.close(conversation.id(), conversation.visitorToken());
    }
  }

  @Override
  public void close() throws Exception {
    if (process != null) {
      process.close();
    }
  }
}
