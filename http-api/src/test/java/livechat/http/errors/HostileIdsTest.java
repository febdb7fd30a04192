package livechat.http.errors;

import static livechat.http.ErrorBody.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.cluster.sharding.ShardRegion.CurrentShardRegionState;
import org.apache.pekko.cluster.sharding.typed.GetShardRegionState;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ids no node gave out are answered 404 at the edge: no channel, conversation or operator entity
 * starts for them, and nothing reaches the journal.
 */
class HostileIdsTest {

  private static final String LONG_ID = "x".repeat(10_000);
  private static final List<String> HOSTILE =
      List.of("a%7Cb", "%7C", "a%7C%7C", "x".repeat(2000), UUID.randomUUID().toString());

  private static ApiTestServer server;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    server = ApiTestServer.start("hostile_ids", List.of());
    fixture = new ChatFixture(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void unknownAndMalformedIdsAre404AndStartNoEntity() {
    ApiClient visitor = new ApiClient(server, null);
    String channelId = fixture.channel("Website");
    ApiClient marc = fixture.operator("Marc", channelId);
    String conversationId = fixture.startConversation(channelId).get("conversationId").asText();
    for (String id : HOSTILE) {
      assertError(
          404, "unknown_channel", visitor.post("/api/channels/" + id + "/conversations", "{}"));
      assertError(404, "unknown_channel", visitor.get("/api/channels/" + id + "/status"));
      assertError(404, "unknown_channel", marc.post("/api/channels/" + id + "/join", ""));
      assertError(404, "unknown_channel", marc.get("/api/channels/" + id + "/operators"));
      assertError(404, "unknown_conversation", marc.get("/api/conversations/" + id));
      assertError(
          404,
          "unknown_operator",
          fixture.admin().patch("/api/admin/operators/" + id, "{\"capacity\": 2}"));
      assertError(
          404,
          "unknown_operator",
          marc.post(
              "/api/conversations/" + conversationId + "/transfer",
              "{\"operatorId\": \"" + id.replace("%7C", "|") + "\"}"));
    }
    // a 10 KB id does not even make a path (414); in a body it is an unknown operator
    assertEquals(414, visitor.get("/api/channels/" + LONG_ID + "/status").statusCode());
    assertError(
        404,
        "unknown_operator",
        marc.post(
            "/api/conversations/" + conversationId + "/transfer",
            "{\"operatorId\": \"" + LONG_ID + "\"}"));
    try (WsClient socket = WsClient.connect(server, marc.token())) {
      socket.send("{\"type\": \"typing\", \"conversationId\": \"a|b\"}");
      assertEquals("unknown_conversation", socket.awaitType("error").get("code").asText());
    }

    // an entity asked about an operator that does not exist stops itself
    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              assertNoEntity(Channel.ENTITY_TYPE_KEY, "Channel");
              assertNoEntity(Operator.ENTITY_TYPE_KEY, "Operator");
            });
  }

  /** No running entity of the type, and no journal, has a hostile id. */
  private static void assertNoEntity(EntityTypeKey<?> type, String prefix) {
    TestProbe<CurrentShardRegionState> probe = server.testKit().createTestProbe();
    ClusterSharding.get(server.testKit().system())
        .shardState()
        .tell(new GetShardRegionState(type, probe.ref()));
    Set<String> running =
        probe.receiveMessage(Duration.ofSeconds(10)).getShards().stream()
            .flatMap(shard -> shard.getEntityIds().stream())
            .collect(Collectors.toSet());
    CassandraReadJournal journal =
        PersistenceQuery.get(server.testKit().system())
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
    for (String id : HOSTILE) {
      String decoded = id.replace("%7C", "|");
      assertTrue(!running.contains(decoded), prefix + " entity " + decoded + " runs");
      int events =
          journal
              .currentEventsByPersistenceId(prefix + "|" + decoded, 0, Long.MAX_VALUE)
              .runWith(Sink.seq(), server.testKit().system())
              .toCompletableFuture()
              .join()
              .size();
      assertEquals(0, events, prefix + " " + decoded + " was persisted");
    }
  }
}
