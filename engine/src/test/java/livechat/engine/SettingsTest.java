package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import livechat.engine.Settings.EnableLanguages;
import livechat.engine.Settings.EnabledLanguages;
import livechat.engine.Settings.GetEnabledLanguages;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config());

  private final EventSourcedBehaviorTestKit<Settings.Command, Settings.Event, Settings.State>
      settings =
          EventSourcedBehaviorTestKit.create(
              testKit.system(), Settings.create("installation", List.of("en_US")));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @BeforeEach
  void clear() {
    settings.clear();
  }

  @Test
  void aNewInstallationHasTheConfiguredLanguages() {
    var result = settings.<StatusReply<EnabledLanguages>>runCommand(GetEnabledLanguages::new);

    assertEquals(List.of("en_US"), result.reply().getValue().languages());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void enablingLanguagesReplacesTheListKeepingOrderWithoutDuplicates() {
    var result =
        settings.<StatusReply<EnabledLanguages>>runCommand(
            replyTo -> new EnableLanguages(List.of("fr_FR", "en_US", "fr_FR"), replyTo));

    assertEquals(List.of("fr_FR", "en_US"), result.reply().getValue().languages());
    assertEquals(new Settings.LanguagesEnabled(List.of("fr_FR", "en_US")), result.event());
    assertEquals(List.of("fr_FR", "en_US"), result.state().enabledLanguages());
  }

  @Test
  void aMalformedLanguageCodeIsRejectedAndNothingIsStored() {
    var result =
        settings.<StatusReply<EnabledLanguages>>runCommand(
            replyTo -> new EnableLanguages(List.of("en_US", "french"), replyTo));

    Rejection rejection = assertInstanceOf(Rejection.class, result.reply().getError());
    assertEquals(Rejection.Kind.INVALID, rejection.kind());
    assertEquals("invalid_language", rejection.code());
    assertTrue(rejection.reason().contains("'french'"), rejection.reason());
    assertTrue(result.hasNoEvents());
    assertEquals(List.of("en_US"), result.state().enabledLanguages());
  }

  @Test
  void disablingEveryLanguageIsRejected() {
    var result =
        settings.<StatusReply<EnabledLanguages>>runCommand(
            replyTo -> new EnableLanguages(List.of(), replyTo));

    Rejection rejection = assertInstanceOf(Rejection.class, result.reply().getError());
    assertEquals("no_language", rejection.code());
    assertTrue(result.hasNoEvents());
  }

  @Test
  void theEnabledLanguagesSurviveARestart() {
    settings.<StatusReply<EnabledLanguages>>runCommand(
        replyTo -> new EnableLanguages(List.of("en_US", "fr_FR"), replyTo));

    var restarted = settings.restart();

    assertEquals(List.of("en_US", "fr_FR"), restarted.state().enabledLanguages());
  }
}
