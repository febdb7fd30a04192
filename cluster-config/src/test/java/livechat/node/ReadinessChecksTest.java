package livechat.node;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import livechat.http.health.CassandraAvailability;
import livechat.http.health.ReadinessCheck;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node's readiness: an Up cluster member, a Cassandra that answers, and a journal the API takes
 * calls for.
 */
class ReadinessChecksTest {

  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            "livechat", OneNodeCluster.config().withFallback(TestCassandra.config("readiness")));
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aNodeIsReadyOnlyOnceItHasJoinedTheCluster() {
    List<ReadinessCheck> checks = ReadinessChecks.of(testKit.system());
    awaitResults(checks, Map.of("cluster", false, "cassandra", true, "journal", true));

    OneNodeCluster.join(testKit.system());

    awaitResults(checks, Map.of("cluster", true, "cassandra", true, "journal", true));
  }

  @Test
  void aNodeWhoseJournalFailedIsNotReadyUntilCassandraAnswersAgain() {
    List<ReadinessCheck> checks = ReadinessChecks.of(testKit.system());
    CassandraAvailability journal = CassandraAvailability.get(testKit.system());

    journal.failed();
    assertEquals(false, results(checks).get("journal"));

    journal.answered();
    assertEquals(true, results(checks).get("journal"));
  }

  private static void awaitResults(List<ReadinessCheck> checks, Map<String, Boolean> expected) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(20),
            () -> {
              assertEquals(expected, results(checks));
              return null;
            });
  }

  private static Map<String, Boolean> results(List<ReadinessCheck> checks) {
    return checks.stream()
        .collect(
            Collectors.toMap(
                ReadinessCheck::name,
                check -> {
                  try {
                    return check.probe().get().toCompletableFuture().get(10, TimeUnit.SECONDS);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                }));
  }
}
