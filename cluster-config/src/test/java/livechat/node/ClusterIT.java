package livechat.node;

import static livechat.http.ApiClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import livechat.engine.JournalReader;
import livechat.http.ApiClient;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import livechat.persistence.CassandraSettings;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Three node processes on 127.0.0.1 form one cluster on one real Cassandra. Operators and visitors
 * spread over the nodes chat; one node is killed under traffic and another stopped gracefully, and
 * nothing acknowledged is lost.
 */
class ClusterIT {

  private static final String ADMIN_TOKEN = "cluster-admin-token-of-24-characters";
  private static final String TOKEN_SECRET = "cluster-token-secret-of-at-least-32-characters";
  private static final String KEYSPACE = "cluster_it";
  private static final Duration INACTIVITY = Duration.ofSeconds(60);
  private static final int CAPACITY = 2;
  private static final int IDLE_OPERATORS = 3;

  private final List<NodeProcess> nodes = new ArrayList<>();
  private final List<Path> directories = new ArrayList<>();
  private final List<WsClient> sockets = new CopyOnWriteArrayList<>();
  private final ExecutorService visitorThreads = Executors.newFixedThreadPool(16);

  /** clientMessageId to the seq its ack gave, per conversation. */
  private final Map<String, Map<String, Long>> acked = new ConcurrentHashMap<>();

  @AfterEach
  void stopEverything() {
    visitorThreads.shutdownNow();
    sockets.forEach(WsClient::close);
    nodes.forEach(NodeProcess::kill);
    directories.forEach(TestCassandra::deleteRecursively);
  }

  @Test
  void threeNodesChatSurviveAKillAndAGracefulStop() throws Exception {
    CassandraSettings cassandra = TestCassandra.keyspace(KEYSPACE);
    NodeProcess.Ports first = NodeProcess.Ports.free();
    for (NodeProcess.Ports ports :
        List.of(first, NodeProcess.Ports.free(), NodeProcess.Ports.free())) {
      Path directory = Files.createTempDirectory("livechat-cluster-node");
      directories.add(directory);
      nodes.add(
          NodeProcess.start(
              directory,
              ports,
              Map.of(
                  "LIVECHAT_CASSANDRA_CONTACT_POINTS",
                  cassandra.contactPoints().get(0),
                  "LIVECHAT_CASSANDRA_KEYSPACE",
                  KEYSPACE,
                  "LIVECHAT_SEED_NODES",
                  "127.0.0.1:" + first.cluster(),
                  "LIVECHAT_ADMIN_TOKEN",
                  ADMIN_TOKEN,
                  "LIVECHAT_TOKEN_SECRET",
                  TOKEN_SECRET,
                  "LIVECHAT_OPERATOR_INACTIVITY_TIMEOUT",
                  INACTIVITY.toSeconds() + "s")));
    }
    for (NodeProcess node : nodes) {
      node.awaitHealthy(Duration.ofSeconds(120));
    }
    URI a = nodes.get(0).http();
    URI b = nodes.get(1).http();
    URI c = nodes.get(2).http();
    List<URI> all = List.of(a, b, c);
    ChatFixture fixture = new ChatFixture(new ApiClient(a, ADMIN_TOKEN));

    String channelId = fixture.channel("Website");
    List<ApiClient> operators = new ArrayList<>();
    List<WsClient> operatorSockets = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ApiClient operator = fixture.operator("Operator" + i, CAPACITY, all.get(i));
      expect(200, operator.post("/api/channels/" + channelId + "/join", ""));
      operators.add(operator);
      operatorSockets.add(socket(all.get(i), operator.token()));
    }
    // idle operators: their entities land on any node, and the kill and the stop move those
    // that were on B or C; each one's timer must still fire
    Instant idleJoined = Instant.now();
    for (int i = 0; i < IDLE_OPERATORS; i++) {
      ApiClient idle = fixture.operator("Idle" + i, 1, c);
      expect(200, idle.post("/api/channels/" + channelId + "/join", "")); // then never again
    }

    List<String> conversations = new ArrayList<>();
    Map<String, ApiClient> visitors = new HashMap<>();
    Map<String, URI> visitorNode = new HashMap<>();
    List<String> queued = new ArrayList<>();
    for (int i = 0; i < 3 * CAPACITY + IDLE_OPERATORS + 3; i++) {
      URI node = all.get(i % 3);
      JsonNode started =
          expect(
              201,
              new ApiClient(node, null)
                  .post("/api/channels/" + channelId + "/conversations", "{}"));
      String conversationId = started.get("conversationId").asText();
      visitors.put(conversationId, new ApiClient(node, started.get("visitorToken").asText()));
      visitorNode.put(conversationId, node);
      if (started.get("status").asText().equals("waiting")) {
        queued.add(conversationId);
      } else {
        conversations.add(conversationId);
      }
    }
    assertEquals(3 * CAPACITY + IDLE_OPERATORS, conversations.size(), "every slot taken");
    assertEquals(3, queued.size());

    // round 1: everyone on their own node
    for (String conversationId : conversations) {
      WsClient visitorSocket =
          socket(visitorNode.get(conversationId), visitors.get(conversationId).token());
      for (int n = 1; n <= 3; n++) {
        sendUntilAcked(
            () -> visitorSocket, conversationId, "visitor " + n, conversationId + "/v/" + n);
      }
    }
    Map<String, WsClient> operatorSocketOf =
        operatorSocketsByConversation(operators, operatorSockets, all);
    for (String conversationId : operatorSocketOf.keySet()) {
      WsClient operatorSocket = operatorSocketOf.get(conversationId);
      for (int n = 1; n <= 3; n++) {
        sendUntilAcked(
            () -> operatorSocket, conversationId, "operator " + n, conversationId + "/o/" + n);
      }
    }

    // kill -9 node B under traffic; its clients come back through node A
    keepActive(operators, a);
    Instant killed = Instant.now();
    nodes.get(1).kill();
    List<CompletableFuture<Void>> clients = new ArrayList<>();
    for (String conversationId : conversations) {
      boolean wasOnB = visitorNode.get(conversationId).equals(b);
      URI node = wasOnB ? a : visitorNode.get(conversationId);
      ApiClient visitor = visitors.get(conversationId).on(node);
      visitors.put(conversationId, visitor);
      visitorNode.put(conversationId, node);
      WsClient visitorSocket = socket(node, visitor.token());
      visitorSocket.send(
          "{\"type\": \"subscribe\", \"conversationId\": \""
              + conversationId
              + "\", \"afterSeq\": 0}");
      // every visitor goes on at once, as real ones would
      clients.add(
          CompletableFuture.runAsync(
              () -> {
                for (int n = 4; n <= 6; n++) {
                  sendUntilAcked(
                      () -> visitorSocket,
                      conversationId,
                      "visitor " + n,
                      conversationId + "/v/" + n);
                }
              },
              visitorThreads));
    }
    CompletableFuture.allOf(clients.toArray(CompletableFuture[]::new)).join();
    Duration failover = Duration.between(killed, Instant.now());
    System.out.println(
        "cluster: every conversation took messages again " + failover + " after the kill");
    assertTrue(failover.compareTo(Duration.ofSeconds(30)) <= 0, "failover took " + failover);

    // the conversations queued before the kill are assigned when slots free up
    keepActive(operators, a);
    for (String conversationId : conversations.subList(0, 3)) {
      expect(
          200,
          visitors.get(conversationId).post("/api/conversations/" + conversationId + "/close", ""));
    }
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                queued.stream()
                    .allMatch(
                        id ->
                            expect(200, visitors.get(id).on(a).get("/api/conversations/" + id))
                                .get("status")
                                .asText()
                                .equals("active")));

    // a graceful stop of node C: it leaves within 20 s and loses nothing
    keepActive(operators, a);
    Instant stopping = Instant.now();
    int exit = nodes.get(2).terminate(Duration.ofSeconds(20));
    System.out.println("cluster: node C left in " + Duration.between(stopping, Instant.now()));
    assertTrue(exit == 0 || exit == 143, "exit code " + exit);
    assertEquals(200, nodes.get(0).healthStatus());

    for (String conversationId : conversations) {
      JsonNode history =
          expect(
              200,
              visitors
                  .get(conversationId)
                  .on(a)
                  .get("/api/conversations/" + conversationId + "/messages?limit=500"));
      List<Long> seqs = new ArrayList<>();
      Map<String, Long> stored = new HashMap<>();
      history
          .get("messages")
          .forEach(
              message -> {
                seqs.add(message.get("seq").asLong());
                if (!message.get("clientMessageId").isNull()) {
                  stored.merge(
                      message.get("clientMessageId").asText(),
                      message.get("seq").asLong(),
                      (x, y) -> -1L);
                }
              });
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(i + 1, seqs.get(i), "gap-free seq in " + conversationId);
      }
      for (Map.Entry<String, Long> ack : acked.get(conversationId).entrySet()) {
        assertEquals(
            ack.getValue(), stored.get(ack.getKey()), "acknowledged " + ack.getKey() + " once");
      }
    }
    for (ApiClient operator : operators) {
      int held = expect(200, operator.on(a).get("/api/me")).get("activeConversations").asInt();
      assertTrue(held <= CAPACITY, "an operator holds " + held);
    }

    // the idle operator's timer fires wherever its entity now runs
    ApiClient watcher = operators.get(0).on(a);
    await()
        .atMost(INACTIVITY.plus(Duration.ofSeconds(60)))
        .pollInterval(Duration.ofSeconds(1))
        .until(
            () -> {
              keepActive(operators, a);
              return channelCard(watcher, channelId).get("operators").asInt() == 3;
            });
    assertTrue(
        Duration.between(idleJoined, Instant.now()).compareTo(INACTIVITY) >= 0,
        "not before the inactivity timeout");

    // a reader of the journal of its own, outside the cluster
    ActorTestKit reader =
        ActorTestKit.create(
            "journal-reader", OneNodeCluster.config().withFallback(TestCassandra.config(KEYSPACE)));
    try {
      JournalReader journal = new JournalReader(reader.system());
      List<String> assignedAfterCloses = journal.assignments(channelId);
      assertEquals(
          queued,
          assignedAfterCloses.subList(
              assignedAfterCloses.size() - queued.size(), assignedAfterCloses.size()),
          "the conversations queued before the kill were assigned in queue order");
      for (ApiClient operator : operators) {
        String operatorId = expect(200, operator.on(a).get("/api/me")).get("id").asText();
        assertTrue(
            journal.highestLoadEver(operatorId) <= CAPACITY, operatorId + " went above capacity");
      }
    } finally {
      reader.shutdownTestKit();
    }
  }

  /** The working operators' heartbeats, so that only the idle ones are disconnected. */
  private static void keepActive(List<ApiClient> operators, URI node) {
    operators.forEach(operator -> expect(204, operator.on(node).post("/api/me/heartbeat", "")));
  }

  private WsClient socket(URI node, String token) {
    WsClient socket = WsClient.connect(node, token);
    sockets.add(socket);
    return socket;
  }

  /** Which operator socket holds which conversation, from each operator's profile. */
  private static Map<String, WsClient> operatorSocketsByConversation(
      List<ApiClient> operators, List<WsClient> operatorSockets, List<URI> nodes) {
    Map<String, WsClient> byConversation = new HashMap<>();
    for (int i = 0; i < operators.size(); i++) {
      for (JsonNode entry : expect(200, operators.get(i).get("/api/conversations"))) {
        byConversation.put(entry.get("id").asText(), operatorSockets.get(i));
      }
    }
    return byConversation;
  }

  /** Sends until the message is acknowledged, as a client must while a node fails over. */
  private void sendUntilAcked(
      Supplier<WsClient> socket, String conversationId, String text, String clientMessageId) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (true) {
      socket.get().send(ChatFixture.sendFrame(conversationId, text, clientMessageId));
      JsonNode answer =
          socket
              .get()
              .await(
                  frame ->
                      clientMessageId.equals(frame.path("clientMessageId").asText())
                          && (frame.path("type").asText().equals("ack")
                              || frame.path("type").asText().equals("error")));
      if (answer.get("type").asText().equals("ack")) {
        acked
            .computeIfAbsent(conversationId, id -> new ConcurrentHashMap<>())
            .put(clientMessageId, answer.get("seq").asLong());
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("never acknowledged: " + clientMessageId + " " + answer);
      }
    }
  }

  private static JsonNode channelCard(ApiClient operator, String channelId) {
    for (JsonNode card : expect(200, operator.get("/api/channels"))) {
      if (card.get("id").asText().equals(channelId)) {
        return card;
      }
    }
    throw new AssertionError("no card for " + channelId);
  }
}
