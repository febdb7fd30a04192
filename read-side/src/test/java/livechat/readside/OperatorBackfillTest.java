package livechat.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import livechat.engine.operator.Operator;
import livechat.engine.operator.OperatorEvent;
import livechat.engine.operator.OperatorEvent.OperatorRegistered;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operators' list holds operators registered before registrations were tagged, which the
 * consumer's first run finds in {@code all_persistence_ids}, and operators registered since, found
 * by their tag: the journal no longer lists their ids.
 */
class OperatorBackfillTest {

  private static ActorTestKit testKit;
  private static CassandraSession session;
  private static String keyspace;

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            "backfill",
            OneNodeCluster.config().withFallback(TestCassandra.config("read_side_backfill")));
    OneNodeCluster.join(testKit.system());
    session =
        CassandraSessionRegistry.get(testKit.system()).sessionFor("pekko.persistence.cassandra");
    keyspace = testKit.system().settings().config().getString("livechat.cassandra.keyspace");
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void operatorsRegisteredBeforeTheTagAndSinceAreBothListed() throws Exception {
    // registered untagged, while the journal still listed every new id
    register("legacy-1", "anna", false);
    session
        .executeWrite(
            "INSERT INTO " + keyspace + ".all_persistence_ids (persistence_id) VALUES (?)",
            PersistenceId.of(Operator.ENTITY_TYPE_KEY.name(), "legacy-1").id())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    register("tagged-1", "boris", true);
    assertEquals(
        List.of("Operator|legacy-1"),
        session
            .selectAll("SELECT persistence_id FROM " + keyspace + ".all_persistence_ids")
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS)
            .stream()
            .map(row -> row.getString("persistence_id"))
            .toList(),
        "the journal lists no new id");

    CassandraReadSide readSide = CassandraReadSide.start(testKit.system());

    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(60),
            () -> {
              assertEquals(
                  List.of("legacy-1", "tagged-1"),
                  readSide.operators(null, 10).toCompletableFuture().join().operatorIds());
              return null;
            });
  }

  private static void register(String operatorId, String login, boolean tagged) {
    JournalWriter.write(
        testKit,
        PersistenceId.of(Operator.ENTITY_TYPE_KEY.name(), operatorId),
        tagged ? Set.of(OperatorEvent.REGISTERED_TAG) : Set.of(),
        new OperatorRegistered(login, login, "hash", "en_US", 2, Instant.now()));
  }
}
