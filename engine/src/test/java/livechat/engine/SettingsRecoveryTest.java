package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import livechat.engine.Settings.EnableLanguages;
import livechat.engine.Settings.EnabledLanguages;
import livechat.engine.Settings.GetEnabledLanguages;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;

/** The settings entity against the real Cassandra node, across a restart of the actor system. */
class SettingsRecoveryTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Config config =
      OneNodeCluster.config().withFallback(TestCassandra.config("settings_recovery"));

  @Test
  void enabledLanguagesAreRecoveredByANewActorSystem() throws Exception {
    ActorTestKit first = startNode();
    EnabledLanguages stored =
        Settings.entity(first.system())
            .<EnabledLanguages>askWithStatus(
                replyTo -> new EnableLanguages(List.of("en_US", "fr_FR"), replyTo), TIMEOUT)
            .toCompletableFuture()
            .get();
    assertEquals(List.of("en_US", "fr_FR"), stored.languages());
    first.shutdownTestKit();

    ActorTestKit second = startNode();
    try {
      EnabledLanguages recovered =
          Settings.entity(second.system())
              .<EnabledLanguages>askWithStatus(GetEnabledLanguages::new, TIMEOUT)
              .toCompletableFuture()
              .get();
      assertEquals(List.of("en_US", "fr_FR"), recovered.languages());
    } finally {
      second.shutdownTestKit();
    }
  }

  private ActorTestKit startNode() {
    ActorTestKit testKit = ActorTestKit.create("livechat", config);
    OneNodeCluster.join(testKit.system());
    Settings.init(testKit.system());
    return testKit;
  }
}
