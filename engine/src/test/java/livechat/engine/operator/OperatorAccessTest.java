package livechat.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import livechat.engine.EngineTestSettings;
import livechat.engine.ManualClock;
import livechat.engine.ProbeDirectory;
import livechat.engine.Rejection;
import livechat.engine.TokenRevocations;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator.OfferRefused;
import livechat.engine.operator.Operator.Profile;
import livechat.engine.operator.Operator.Refusal;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ManualTime;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.serialization.jackson.JacksonObjectMapperProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The operator entity alone, on its account: disabling, and the token version that a logout,
 * disabling or a new password moves on. Channels and conversations are probes.
 */
class OperatorAccessTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ManualTime.config()
              .withFallback(PersistenceTestKitPlugin.getInstance().config())
              .withFallback(PersistenceTestKitSnapshotPlugin.config())
              .withFallback(ConfigFactory.load()));
  private static final Set<String> ENABLED = Set.of("en_US");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final ProbeDirectory directory = new ProbeDirectory(testKit);
  private final String operatorId = UUID.randomUUID().toString();
  private final ActorRef<Operator.Command> operator =
      testKit.spawn(Operator.create(operatorId, directory, EngineTestSettings.DEFAULTS, clock));
  private final TestProbe<Operator.Update> watcher = testKit.createTestProbe();
  private final TestProbe<TokenRevocations.Revoked> everyNode = testKit.createTestProbe();

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void disablingLeavesEveryChannelEndsTheTokensAndKeepsTheConversations() {
    register();
    join("website");
    operator.tell(
        new Operator.Offer("c1", "website", testKit.<Operator.OfferAnswer>createTestProbe().ref()));
    operator.tell(new Operator.AssignmentConfirmed("c1"));
    watch();

    Profile disabled = update(null, true).getValue();

    assertTrue(disabled.disabled());
    assertEquals(List.of(), disabled.channels());
    assertEquals(List.of("c1"), disabled.conversations());
    assertFalse(disabled.online());
    assertEquals(
        new Channel.RemoveMember(operatorId, "disabled"),
        next(directory.channelProbe("website"), Channel.RemoveMember.class));
    assertEquals(new Operator.ChannelsChanged(List.of(), "disabled"), watcher.receiveMessage());
    assertEquals(new Operator.TokensEnded(1, "disabled"), watcher.receiveMessage());
    assertEquals(new TokenRevocations.Revoked(operatorId, 1), everyNode.receiveMessage());
    assertEquals(1, tokenVersion());
    assertTrue(credentials().disabled());
  }

  @Test
  void aDisabledOperatorGetsNoConversationCannotJoinAndStaysOfflineUntilEnabled() {
    register();
    update(null, true);

    TestProbe<Operator.OfferAnswer> offer = testKit.createTestProbe();
    operator.tell(new Operator.Offer("c2", "website", offer.ref()));
    assertEquals(
        Refusal.NOT_A_MEMBER,
        assertInstanceOf(OfferRefused.class, offer.receiveMessage()).reason());
    StatusReply<Profile> joined = ask(replyTo -> new Operator.JoinChannel("website", replyTo));
    assertEquals("operator_disabled", ((Rejection) joined.getError()).code());
    TestProbe<StatusReply<Done>> activity = testKit.createTestProbe();
    operator.tell(new Operator.RecordActivity(activity.ref()));
    activity.expectMessage(StatusReply.ack());
    assertFalse(profile().online());

    Profile enabled = update(null, false).getValue();
    assertFalse(enabled.disabled());
    assertFalse(credentials().disabled());
    assertEquals(1, tokenVersion(), "enabling again does not bring back the old tokens");
  }

  @Test
  void aNewPasswordAndALogoutEachEndTheEarlierTokensAndAreAnnouncedToEveryNode() {
    register();
    watch();

    update("new-hash", null);
    assertEquals(new Operator.TokensEnded(1, "password_changed"), watcher.receiveMessage());
    assertEquals(new TokenRevocations.Revoked(operatorId, 1), everyNode.receiveMessage());
    assertEquals("new-hash", credentials().passwordHash());

    TestProbe<StatusReply<Operator.TokenVersion>> logout = testKit.createTestProbe();
    operator.tell(new Operator.RevokeTokens("logout", logout.ref()));
    assertEquals(2, logout.receiveMessage().getValue().version());
    assertEquals(new Operator.TokensEnded(2, "logout"), watcher.receiveMessage());
    assertEquals(new TokenRevocations.Revoked(operatorId, 2), everyNode.receiveMessage());
    assertEquals(2, tokenVersion());
    assertEquals(2, credentials().tokenVersion());
  }

  @Test
  void otherAccountChangesKeepTheTokens() {
    register();

    ask(replyTo -> new Operator.UpdateAccount("Marc D.", 3, null, null, replyTo));

    assertEquals(0, tokenVersion());
    assertFalse(credentials().disabled());
  }

  @Test
  void aStateWrittenBeforeAccessesWereKeptReadsAsEnabledAtTokenVersionZero() throws Exception {
    ObjectMapper cbor =
        JacksonObjectMapperProvider.get(testKit.system())
            .getOrCreate("jackson-cbor", Optional.empty());
    Map<String, Object> before = new LinkedHashMap<>();
    before.put("login", "marc");
    before.put("name", "Marc");
    before.put("passwordHash", "hash");
    before.put("onlineChatName", null);
    before.put("mainLanguage", "en_US");
    before.put("chatLanguages", List.of());
    before.put("capacity", 5);
    before.put("channels", List.of("website"));
    before.put("conversations", Map.of("c1", "website"));
    before.put("recent", List.of("c1"));
    before.put("lastActivity", "2026-03-02T09:00:00Z");
    before.put("online", true);

    OperatorState.Registered read =
        cbor.readValue(cbor.writeValueAsBytes(before), OperatorState.Registered.class);

    assertFalse(read.disabled());
    assertEquals(0, read.tokenVersion());
    assertEquals(List.of("website"), read.channels());
  }

  // ---------------------------------------------------------------- helpers

  /** Watches the operator as a session would, and listens to the announcements as a node does. */
  private void watch() {
    operator.tell(new Operator.Watch(watcher.ref()));
    TokenRevocations.get(testKit.system()).subscribe(everyNode.ref());
  }

  private void register() {
    ask(replyTo -> new Operator.Register("marc", "Marc", "hash", "en_US", 5, ENABLED, replyTo))
        .getValue();
  }

  private void join(String channelId) {
    TestProbe<StatusReply<Profile>> probe = testKit.createTestProbe();
    operator.tell(new Operator.JoinChannel(channelId, probe.ref()));
    Channel.UpdateMember update =
        directory.channelProbe(channelId).expectMessageClass(Channel.UpdateMember.class);
    update
        .replyTo()
        .tell(
            StatusReply.success(
                new Channel.Summary(channelId, "Website", List.of(operatorId), List.of(), 1)));
    probe.receiveMessage();
  }

  private StatusReply<Profile> update(String passwordHash, Boolean disabled) {
    return ask(replyTo -> new Operator.UpdateAccount(null, null, passwordHash, disabled, replyTo));
  }

  private Profile profile() {
    return ask(Operator.GetProfile::new).getValue();
  }

  private long tokenVersion() {
    TestProbe<StatusReply<Operator.TokenVersion>> probe = testKit.createTestProbe();
    operator.tell(new Operator.GetTokenVersion(probe.ref()));
    return probe.receiveMessage().getValue().version();
  }

  private Operator.Credentials credentials() {
    TestProbe<StatusReply<Operator.Credentials>> probe = testKit.createTestProbe();
    operator.tell(new Operator.GetCredentials(probe.ref()));
    return probe.receiveMessage().getValue();
  }

  /** The next message of the type, past others (a channel also hears of the operator's load). */
  private static <T> T next(TestProbe<? super T> probe, Class<T> type) {
    while (true) {
      Object message = probe.receiveMessage();
      if (type.isInstance(message)) {
        return type.cast(message);
      }
    }
  }

  private StatusReply<Profile> ask(Function<ActorRef<StatusReply<Profile>>, Operator.Command> f) {
    TestProbe<StatusReply<Profile>> probe = testKit.createTestProbe();
    operator.tell(f.apply(probe.ref()));
    return probe.receiveMessage();
  }
}
