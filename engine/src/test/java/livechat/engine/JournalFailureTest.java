package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.testkit.javadsl.SnapshotTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An entity whose journal write or recovery fails restarts with backoff, and tells the engine's
 * observer once per failure.
 */
class JournalFailureTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          PersistenceTestKitPlugin.getInstance()
              .config()
              .withFallback(PersistenceTestKitSnapshotPlugin.getInstance().config()));
  private static final SnapshotTestKit snapshots = SnapshotTestKit.create(testKit.system());
  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  private final List<String> failures = new CopyOnWriteArrayList<>();

  @BeforeEach
  void observe() {
    EntityRuntime.get(testKit.system())
        .observe(
            new EngineObserver() {
              @Override
              public void journalFailed(String entityType) {
                failures.add(entityType);
              }
            });
  }

  @Test
  void aFailedRecoveryIsCountedOnceAndTheEntityRecoversAfterItsBackoff() {
    journal.failNextRead();
    ActorRef<Settings.Command> settings =
        testKit.spawn(Settings.create("recovery-failure", List.of("en_US")));
    TestProbe<StatusReply<Settings.EnabledLanguages>> probe = testKit.createTestProbe();

    settings.tell(new Settings.GetEnabledLanguages(probe.getRef()));

    assertEquals(
        List.of("en_US"), probe.receiveMessage(Duration.ofSeconds(10)).getValue().languages());
    assertEquals(List.of("Settings"), failures);
  }

  @Test
  void aFailedSnapshotReadIsCountedOnceAndTheEntityRecoversAfterItsBackoff() {
    snapshots.failNextRead();
    ActorRef<Settings.Command> settings =
        testKit.spawn(Settings.create("snapshot-failure", List.of("en_US")));
    TestProbe<StatusReply<Settings.EnabledLanguages>> probe = testKit.createTestProbe();

    settings.tell(new Settings.GetEnabledLanguages(probe.getRef()));

    assertEquals(
        List.of("en_US"), probe.receiveMessage(Duration.ofSeconds(10)).getValue().languages());
    assertEquals(List.of("Settings"), failures);
  }

  @Test
  void aFailedWriteIsCountedAndTheEntityTakesCommandsAgainAfterItsBackoff() {
    ActorRef<Settings.Command> settings =
        testKit.spawn(Settings.create("journal-failure", List.of("en_US")));
    TestProbe<StatusReply<Settings.EnabledLanguages>> probe = testKit.createTestProbe();

    journal.failNextPersisted();
    settings.tell(new Settings.EnableLanguages(List.of("fr_FR"), probe.getRef()));

    probe.expectNoMessage(Duration.ofMillis(300));
    probe.awaitAssert(
        () -> {
          assertEquals(List.of("Settings"), failures);
          return null;
        });
    settings.tell(new Settings.EnableLanguages(List.of("de_DE"), probe.getRef()));
    assertEquals(
        List.of("de_DE"),
        probe.receiveMessage(Duration.ofSeconds(10)).getValue().languages(),
        "the restarted entity takes commands again");
    settings.tell(new Settings.GetEnabledLanguages(probe.getRef()));
    assertEquals(List.of("de_DE"), probe.receiveMessage().getValue().languages());
  }
}
