package livechat.http.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Calls fail at once while Cassandra is unavailable, and those waiting fail when it goes. */
class CassandraAvailabilityTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final CassandraAvailability cassandra =
      CassandraAvailability.get(testKit.system());

  private Cancellable watching;

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @AfterEach
  void answerAgain() {
    if (watching != null) {
      watching.cancel();
    }
    cassandra.answered();
  }

  @Test
  void aCallGoesThroughWhileCassandraIsAvailable() {
    assertEquals(
        "done",
        cassandra
            .guard(() -> CompletableFuture.completedFuture("done"))
            .toCompletableFuture()
            .join());
  }

  @Test
  void aCallMadeWhileCassandraIsUnavailableFailsWithoutBeingMade() {
    AtomicBoolean made = new AtomicBoolean();
    cassandra.journalFailed("Conversation");

    CompletionStage<String> call =
        cassandra.guard(
            () -> {
              made.set(true);
              return new CompletableFuture<>();
            });

    assertUnavailable(call);
    assertFalse(made.get());
  }

  @Test
  void aWaitingCallFailsWhenCassandraBecomesUnavailableAndLaterCallsGoThroughOnceItAnswers() {
    CompletionStage<String> waiting = cassandra.guard(CompletableFuture::new);
    assertFalse(waiting.toCompletableFuture().isDone());

    cassandra.failed();

    assertUnavailable(waiting);
    cassandra.answered();
    assertEquals(
        "again",
        cassandra
            .guard(() -> CompletableFuture.completedFuture("again"))
            .toCompletableFuture()
            .join());
  }

  @Test
  void theProbeDecides() {
    AtomicBoolean answers = new AtomicBoolean(false);
    AtomicInteger probes = new AtomicInteger();
    watching =
        cassandra.watch(
            () -> {
              probes.incrementAndGet();
              return CompletableFuture.completedFuture(answers.get());
            },
            Duration.ofMillis(20),
            Duration.ofSeconds(1),
            1);

    eventually(() -> assertFalse(cassandra.available()));
    answers.set(true);
    eventually(() -> assertTrue(cassandra.available()));
    assertTrue(probes.get() >= 2);
  }

  @Test
  void aProbeThatDoesNotAnswerInTimeCountsAsUnavailable() {
    watching =
        cassandra.watch(CompletableFuture::new, Duration.ofMillis(20), Duration.ofMillis(100), 1);

    eventually(() -> assertFalse(cassandra.available()));
  }

  @Test
  void oneLateProbeChangesNothingThreeInARowDo() {
    AtomicInteger probes = new AtomicInteger();
    watching =
        cassandra.watch(
            () ->
                probes.incrementAndGet() % 2 == 0
                    ? new CompletableFuture<>()
                    : CompletableFuture.completedFuture(true),
            Duration.ofMillis(20),
            Duration.ofMillis(50),
            3);
    eventually(() -> assertTrue(probes.get() >= 10));
    assertTrue(cassandra.available(), "a late probe between answered ones changes nothing");
    watching.cancel();

    watching =
        cassandra.watch(CompletableFuture::new, Duration.ofMillis(20), Duration.ofMillis(50), 3);
    eventually(() -> assertFalse(cassandra.available()));
  }

  private void eventually(Runnable assertion) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(5),
            () -> {
              assertion.run();
              return null;
            });
  }

  private static void assertUnavailable(CompletionStage<?> call) {
    CompletionException failure =
        assertThrows(CompletionException.class, () -> call.toCompletableFuture().join());
    assertInstanceOf(CassandraUnavailable.class, failure.getCause());
  }
}
