package livechat.node;

import static livechat.http.ApiClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import livechat.http.ApiClient;
import livechat.http.ChatFixture;
import livechat.http.ErrorBody;
import livechat.http.WsClient;
import livechat.persistence.embedded.EmbeddedCassandra;
import livechat.persistence.embedded.EmbeddedCassandraOptions;
import livechat.persistence.testing.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A node on a Cassandra of its own (not the shared test node), which the test stops for 20 s while
 * a visitor and an operator keep sending: the node answers 503 with Retry-After (and a socket's
 * send an {@code unavailable} error frame) quickly, is not ready but alive, and serves again when
 * Cassandra is back on the same data, without a restart; every message acknowledged, and every
 * message retried after a 503, is stored exactly once.
 */
class CassandraOutageIT {

  private static final String ADMIN_TOKEN = "outage-admin-token-of-24-characters";
  private static final String TOKEN_SECRET = "outage-token-secret-of-at-least-32-characters";
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Duration ANSWER_WITHIN = Duration.ofSeconds(2);
  private static final Duration SEND_EVERY = Duration.ofMillis(200);

  /** One send of the traffic: what was sent, when, and how the node answered. */
  private record Send(
      ApiClient sender,
      String clientMessageId,
      Instant started,
      Instant answered,
      int status,
      Optional<String> retryAfter,
      String body) {

    Duration took() {
      return Duration.between(started, answered);
    }

    boolean acknowledged() {
      return status == 201 || status == 200;
    }
  }

  private final List<Path> directories = new ArrayList<>();
  private final ScheduledExecutorService traffic = Executors.newScheduledThreadPool(2);
  private final List<Send> sends = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();
  private EmbeddedCassandra cassandra;
  private WsClient socket;
  private NodeProcess node;
  private String conversationId;
  private boolean passed;

  @AfterEach
  void stopEverything() {
    traffic.shutdownNow();
    if (socket != null) {
      socket.close();
    }
    if (node != null) {
      node.kill();
      if (!passed) {
        // into the test's report: what the node saw
        node.stdout().forEach(System.out::println);
        node.stderr().forEach(System.out::println);
      }
    }
    if (cassandra != null) {
      cassandra.close();
    }
    directories.forEach(TestCassandra::deleteRecursively);
  }

  @Test
  void aTwentySecondCassandraOutageIsAnswered503QuicklyAndLosesNothing() throws Exception {
    EmbeddedCassandraOptions options = cassandraOptions();
    cassandra = EmbeddedCassandra.start(options);
    node =
        NodeProcess.start(
            directory("livechat-outage-node"),
            NodeProcess.Ports.free(),
            Map.of(
                "LIVECHAT_CASSANDRA_CONTACT_POINTS",
                cassandra.contactPoint(),
                "LIVECHAT_ADMIN_TOKEN",
                ADMIN_TOKEN,
                "LIVECHAT_TOKEN_SECRET",
                TOKEN_SECRET,
                "LIVECHAT_VISITOR_MESSAGES_PER_MINUTE",
                "100000"));
    node.awaitHealthy(Duration.ofSeconds(120));

    ChatFixture fixture = new ChatFixture(new ApiClient(node.http(), ADMIN_TOKEN));
    String channelId = fixture.channel("Website");
    ApiClient operator = fixture.operator("Ann", channelId);
    JsonNode started = fixture.startConversation(channelId);
    assertEquals("active", started.get("status").asText());
    conversationId = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(node.http(), started.get("visitorToken").asText());
    socket = WsClient.connect(node.http(), visitor.token());
    for (ApiClient sender : List.of(visitor, operator)) {
      traffic.scheduleAtFixedRate(
          () -> send(sender, "m" + sequence.incrementAndGet()),
          0,
          SEND_EVERY.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    await().atMost(Duration.ofSeconds(30)).until(() -> acknowledgedSince(Instant.MIN) >= 10);

    cassandra.close();
    Instant down = Instant.now();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> node.get("/health/ready").statusCode() == 503);
    Instant socketSent = Instant.now();
    socket.send(ChatFixture.sendFrame(conversationId, "on the socket", "ws1"));
    JsonNode socketError =
        socket.await(
            frame ->
                frame.get("type").asText().equals("error")
                    && frame.path("clientMessageId").asText().equals("ws1"));
    Duration socketTook = Duration.between(socketSent, Instant.now());
    assertEquals("unavailable", socketError.get("code").asText());
    assertTrue(
        socketTook.compareTo(ANSWER_WITHIN) < 0,
        "the socket's send was answered after " + socketTook);
    await()
        .during(OUTAGE.minus(Duration.between(down, Instant.now())))
        .atMost(OUTAGE.plusSeconds(10))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () ->
                node.get("/health/ready").statusCode() == 503
                    && node.get("/health/live").statusCode() == 200);
    Instant restarting = Instant.now();

    List<Send> duringOutage =
        sends.stream()
            .filter(send -> !send.started().isBefore(down) && send.answered().isBefore(restarting))
            .toList();
    assertTrue(duringOutage.size() >= 20, "sends during the outage: " + duringOutage.size());
    for (Send send : duringOutage) {
      assertEquals(503, send.status(), send.body());
      assertEquals("unavailable", ErrorBody.read(send.body()).get("error").get("code").asText());
      assertTrue(send.retryAfter().isPresent(), "Retry-After on " + send.body());
      assertTrue(
          send.took().compareTo(ANSWER_WITHIN) < 0,
          send.clientMessageId() + " was answered after " + send.took());
    }

    cassandra = EmbeddedCassandra.start(options);
    Instant back = Instant.now();
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> acknowledgedSince(back) >= 10 && node.get("/health/ready").statusCode() == 200);
    traffic.shutdown();
    assertTrue(traffic.awaitTermination(60, TimeUnit.SECONDS), "the traffic stopped");
    System.out.printf(
        "CassandraOutageIT: %d sends during the outage, the slowest answered in %d ms; "
            + "Cassandra took %d s to start again, the node took sends %d ms after that%n",
        duringOutage.size(),
        duringOutage.stream().mapToLong(send -> send.took().toMillis()).max().orElse(0),
        Duration.between(restarting, back).toSeconds(),
        sends.stream()
            .filter(send -> send.acknowledged() && send.started().isAfter(back))
            .map(send -> Duration.between(back, send.answered()).toMillis())
            .min(Long::compare)
            .orElse(-1L));

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(() -> send(visitor, "ws1").acknowledged());
    for (Send failed : unacknowledged()) {
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> send(failed.sender(), failed.clientMessageId()).acknowledged());
    }
    Map<String, Long> acknowledgedSeqs = new HashMap<>();
    for (Send send : sends) {
      if (send.acknowledged()) {
        Long seq = ErrorBody.read(send.body()).get("seq").asLong();
        Long earlier = acknowledgedSeqs.putIfAbsent(send.clientMessageId(), seq);
        assertTrue(earlier == null || earlier.equals(seq), "one seq per clientMessageId");
      }
    }
    Map<String, Integer> stored = storedCountByClientMessageId(visitor);
    Set<String> sent = new LinkedHashSet<>();
    sends.forEach(send -> sent.add(send.clientMessageId()));
    for (String clientMessageId : sent) {
      assertEquals(
          1, stored.getOrDefault(clientMessageId, 0), clientMessageId + " is stored exactly once");
    }
    assertEquals(sent, acknowledgedSeqs.keySet(), "every send was acknowledged in the end");
    passed = true;
  }

  private Send send(ApiClient sender, String clientMessageId) {
    Instant started = Instant.now();
    Send send;
    try {
      HttpResponse<String> response =
          sender.post(
              "/api/conversations/" + conversationId + "/messages",
              "{\"text\": \""
                  + clientMessageId
                  + "\", \"clientMessageId\": \""
                  + clientMessageId
                  + "\"}");
      send =
          new Send(
              sender,
              clientMessageId,
              started,
              Instant.now(),
              response.statusCode(),
              response.headers().firstValue("Retry-After"),
              response.body());
    } catch (IllegalStateException noAnswer) {
      // recorded as no status, so that the traffic goes on and the assertions see it
      send =
          new Send(
              sender, clientMessageId, started, Instant.now(), -1, Optional.empty(), "" + noAnswer);
    }
    sends.add(send);
    return send;
  }

  private long acknowledgedSince(Instant since) {
    return sends.stream()
        .filter(send -> send.acknowledged() && send.started().isAfter(since))
        .count();
  }

  /** The sends never acknowledged, one per clientMessageId. */
  /**
   * The sends never acknowledged, oldest first: a client retries its backlog in the order it sent
   * it, so that a send stored without its answer is retried while it is among the conversation's
   * recent messages, where its clientMessageId is recognised.
   */
  private List<Send> unacknowledged() {
    Set<String> acknowledged = new LinkedHashSet<>();
    sends.stream()
        .filter(Send::acknowledged)
        .forEach(send -> acknowledged.add(send.clientMessageId()));
    Map<String, Send> failed = new LinkedHashMap<>();
    for (Send send : sends) {
      if (!acknowledged.contains(send.clientMessageId())) {
        failed.putIfAbsent(send.clientMessageId(), send);
      }
    }
    return List.copyOf(failed.values());
  }

  /**
   * The conversation's whole history, read page by page: how often each clientMessageId is in it.
   */
  private Map<String, Integer> storedCountByClientMessageId(ApiClient reader) {
    Map<String, Integer> counts = new HashMap<>();
    long after = 0;
    while (true) {
      JsonNode page =
          expect(
              200,
              reader.get(
                  "/api/conversations/"
                      + conversationId
                      + "/messages?after="
                      + after
                      + "&limit=500"));
      JsonNode messages = page.get("messages");
      if (messages.isEmpty()) {
        return counts;
      }
      for (JsonNode message : messages) {
        assertEquals(after + 1, message.get("seq").asLong(), "seqs have no gap");
        after = message.get("seq").asLong();
        JsonNode clientMessageId = message.get("clientMessageId");
        if (clientMessageId != null && !clientMessageId.isNull()) {
          counts.merge(clientMessageId.asText(), 1, Integer::sum);
        }
      }
    }
  }

  private EmbeddedCassandraOptions cassandraOptions() throws Exception {
    EmbeddedCassandraOptions defaults =
        EmbeddedCassandraOptions.fromConfig(
            ConfigFactory.load(), directory("livechat-outage-cassandra"));
    return new EmbeddedCassandraOptions(
        defaults.directory(),
        defaults.listenAddress(),
        TestCassandra.freePort(),
        TestCassandra.freePort(),
        "256m",
        defaults.gcOptions(),
        defaults.javaHome(),
        defaults.classpathFile(),
        defaults.startTimeout(),
        defaults.stopTimeout());
  }

  private Path directory(String prefix) throws Exception {
    Path directory = Files.createTempDirectory(prefix);
    directories.add(directory);
    return directory;
  }
}
