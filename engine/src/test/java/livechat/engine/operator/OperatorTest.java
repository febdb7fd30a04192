package livechat.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import livechat.engine.EngineTestSettings;
import livechat.engine.ManualClock;
import livechat.engine.Passwords;
import livechat.engine.ProbeDirectory;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator.OfferAccepted;
import livechat.engine.operator.Operator.OfferAnswer;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The operator entity alone: the channels and conversations it talks to are probes. */
class OperatorTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          ManualTime.config()
              .withFallback(PersistenceTestKitPlugin.getInstance().config())
              .withFallback(PersistenceTestKitSnapshotPlugin.config())
              .withFallback(ConfigFactory.load()));
  private static final ManualTime manualTime = ManualTime.get(testKit.system());
  private static final Set<String> ENABLED = Set.of("en_US", "fr_FR", "de_DE");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final ProbeDirectory directory = new ProbeDirectory(testKit);
  private final String operatorId = UUID.randomUUID().toString();
  private final ActorRef<Operator.Command> operator =
      testKit.spawn(Operator.create(operatorId, directory, EngineTestSettings.DEFAULTS, clock));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aRegisteredOperatorHasTheDefaultCapacityAndOnlyAPasswordHash() {
    String hash = Passwords.hash("correct horse");

    Profile profile = register(null);

    assertEquals(5, profile.capacity());
    assertEquals("Marc Dupont", profile.displayName());
    assertTrue(profile.online());
    assertNotEquals("correct horse", hash);
    assertTrue(Passwords.matches("correct horse", hash));
    assertFalse(Passwords.matches("wrong", hash));
  }

  @Test
  void theDisplayNameIsTheOnlineChatNameUnlessItIsUnsetOrBlank() {
    register(5);

    assertEquals("Marc", preferences(true, "Marc", null, null).getValue().displayName());
    assertEquals("Marc", preferences(false, null, "fr_FR", null).getValue().displayName());
    Profile blank = preferences(true, "   ", null, null).getValue();
    assertNull(blank.onlineChatName());
    assertEquals("Marc Dupont", blank.displayName());
    assertEquals("Marc", preferences(true, "Marc", null, null).getValue().displayName());
    assertEquals("Marc Dupont", preferences(true, null, null, null).getValue().displayName());
  }

  @Test
  void onlyEnabledLanguagesMayBeChosenAndTheRefusalNamesTheLanguage() {
    register(5);

    StatusReply<Profile> reply = preferences(false, null, null, List.of("fr_FR", "it_IT"));

    Rejection rejection = assertInstanceOf(Rejection.class, reply.getError());
    assertEquals("language_not_enabled", rejection.code());
    assertTrue(rejection.reason().contains("'it_IT'"), rejection.reason());
    assertEquals(List.of(), profile().chatLanguages());
    assertEquals(
        List.of("fr_FR", "de_DE"),
        preferences(false, null, null, List.of("fr_FR", "de_DE")).getValue().chatLanguages());
  }

  @Test
  void aMainLanguageThatIsNotEnabledIsRefusedAtRegistration() {
    StatusReply<Profile> reply =
        ask(
            replyTo ->
                new Operator.Register("marc", "Marc Dupont", "hash", "it_IT", 5, ENABLED, replyTo));

    Rejection rejection = assertInstanceOf(Rejection.class, reply.getError());
    assertTrue(rejection.reason().contains("'it_IT'"));
    assertEquals("unknown_operator", rejectionOf(ask(Operator.GetProfile::new)).code());
  }

  @Test
  void registeringTwiceIsAConflictAndACapacityBelowOneIsRefused() {
    assertEquals(
        "invalid_operator",
        rejectionOf(
                ask(
                    replyTo ->
                        new Operator.Register(
                            "marc", "Marc", "hash", "en_US", 0, ENABLED, replyTo)))
            .code());
    register(5);
    assertEquals(
        "operator_exists",
        rejectionOf(
                ask(
                    replyTo ->
                        new Operator.Register(
                            "marc", "Marc", "hash", "en_US", 5, ENABLED, replyTo)))
            .code());
  }

  @Test
  void joiningAChannelTellsTheChannelTheOperatorsLanguagesAndLoad() {
    register(3);

    Profile joined = join("website");

    assertEquals(List.of("website"), joined.channels());
  }

  @Test
  void anOfferIsAcceptedOnlyInAJoinedChannelAndBelowCapacity() {
    register(1);
    join("website");

    OfferAnswer elsewhere = offer("c1", "support");
    assertEquals(Refusal.NOT_A_MEMBER, assertInstanceOf(OfferRefused.class, elsewhere).reason());

    OfferAccepted accepted = assertInstanceOf(OfferAccepted.class, offer("c1", "website"));
    assertEquals(1, accepted.view().active());
    assertEquals("Marc Dupont", accepted.displayName());

    OfferRefused full = assertInstanceOf(OfferRefused.class, offer("c2", "website"));
    assertEquals(Refusal.AT_CAPACITY, full.reason());
    assertEquals(1, full.view().active());
  }

  @Test
  void anOfferOfAConversationAlreadyHeldIsAcceptedWithoutTakingASecondSlot() {
    register(2);
    join("website");

    offer("c1", "website");
    OfferAccepted again = assertInstanceOf(OfferAccepted.class, offer("c1", "website"));

    assertEquals(1, again.view().active());
  }

  @Test
  void anUnregisteredOperatorRefusesOffers() {
    assertEquals(
        Refusal.NOT_REGISTERED,
        assertInstanceOf(OfferRefused.class, offer("c1", "website")).reason());
  }

  @Test
  void releasingAConversationFreesItsSlotAndTellsTheChannels() {
    register(1);
    join("website");
    offer("c1", "website");
    operator.tell(new Operator.AssignmentConfirmed("c1"));
    TestProbe<Channel.Command> channel = directory.channelProbe("website");
    channel.receiveMessage(); // the load after accepting

    TestProbe<StatusReply<Done>> released = testKit.createTestProbe();
    operator.tell(new Operator.ReleaseConversation("c1", released.ref()));
    released.expectMessage(StatusReply.ack());

    Channel.UpdateMember update = channel.expectMessageClass(Channel.UpdateMember.class);
    assertEquals(0, update.view().active());
    assertInstanceOf(OfferAccepted.class, offer("c2", "website"));
  }

  @Test
  void anUnconfirmedReservationIsCheckedWithTheConversationAndReleasedIfItWentElsewhere() {
    register(1);
    join("website");
    offer("c1", "website");

    advance(Duration.ofSeconds(10));

    Conversation.AssignOperator claim =
        directory.conversationProbe("c1").expectMessageClass(Conversation.AssignOperator.class);
    assertEquals(operatorId, claim.operatorId());
    claim.replyTo().tell(new Conversation.Declined("assigned_to_another_operator"));
    testKit
        .createTestProbe()
        .awaitAssert(
            () -> {
              assertEquals(List.of(), profile().conversations());
              return null;
            });
  }

  @Test
  void aConfirmedReservationIsKept() {
    register(1);
    join("website");
    offer("c1", "website");
    operator.tell(new Operator.AssignmentConfirmed("c1"));

    advance(Duration.ofSeconds(10));

    directory.conversationProbe("c1").expectNoMessage(Duration.ofMillis(200));
    assertEquals(List.of("c1"), profile().conversations());
  }

  @Test
  void watchersHearOfNewConversationsAndChannelChanges() {
    register(5);
    TestProbe<Operator.Update> watcher = testKit.createTestProbe();
    operator.tell(new Operator.Watch(watcher.ref()));

    join("website");
    assertEquals(
        new Operator.ChannelsChanged(List.of("website"), "joined"), watcher.receiveMessage());
    offer("c1", "website");
    operator.tell(new Operator.AssignmentConfirmed("c1"));
    assertEquals(new Operator.ConversationGiven("c1"), watcher.receiveMessage());
    advance(Duration.ofMinutes(30));
    assertEquals(new Operator.ChannelsChanged(List.of(), "inactivity"), watcher.receiveMessage());
  }

  @Test
  void operatorIdleForThirtyMinutesLeavesItsChannelsAndGetsNoNewConversation() {
    register(5);
    join("website");
    TestProbe<Channel.Command> channel = directory.channelProbe("website");

    advance(Duration.ofMinutes(29));
    assertEquals(List.of("website"), profile().channels());
    advance(Duration.ofMinutes(1));

    Channel.RemoveMember removed = channel.expectMessageClass(Channel.RemoveMember.class);
    assertEquals("inactivity", removed.reason());
    Profile profile = profile();
    assertEquals(List.of(), profile.channels());
    assertFalse(profile.online());
    assertEquals(
        Refusal.NOT_A_MEMBER,
        assertInstanceOf(OfferRefused.class, offer("c1", "website")).reason());
  }

  @Test
  void operatorActiveAtTwentyNineMinutesKeepsItsChannels() {
    register(5);
    join("website");

    advance(Duration.ofMinutes(29));
    recordActivity();
    advance(Duration.ofMinutes(29));

    assertEquals(List.of("website"), profile().channels());
    assertTrue(profile().online());
    advance(Duration.ofMinutes(1));
    assertEquals(List.of(), profile().channels());
  }

  @Test
  void activityBetweenWritesStillCountsWhileTheEntityRuns() {
    register(5);
    join("website");
    advance(Duration.ofMinutes(10));
    recordActivity(); // written
    advance(Duration.ofSeconds(30));
    recordActivity(); // within the resolution: kept in memory

    advance(Duration.ofMinutes(29).plusSeconds(30)); // 30 minutes after the written one

    assertEquals(List.of("website"), profile().channels());
    advance(Duration.ofSeconds(30));
    assertEquals(List.of(), profile().channels());
  }

  @Test
  void aDisconnectedOperatorComesBackOnlineWithoutChannels() {
    register(5);
    join("website");
    advance(Duration.ofMinutes(30));

    recordActivity();

    Profile profile = profile();
    assertTrue(profile.online());
    assertEquals(List.of(), profile.channels());
  }

  // ---------------------------------------------------------------- helpers

  private void advance(Duration duration) {
    clock.advance(duration);
    manualTime.timePasses(duration);
  }

  private Profile register(Integer capacity) {
    return ask(replyTo ->
            new Operator.Register(
                "marc", "Marc Dupont", Passwords.hash("pw"), "en_US", capacity, ENABLED, replyTo))
        .getValue();
  }

  private StatusReply<Profile> preferences(
      boolean changeName, String onlineChatName, String main, List<String> extra) {
    return ask(
        replyTo ->
            new Operator.UpdatePreferences(
                changeName, onlineChatName, main, extra, ENABLED, replyTo));
  }

  private Profile profile() {
    return ask(Operator.GetProfile::new).getValue();
  }

  private void recordActivity() {
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    operator.tell(new Operator.RecordActivity(probe.ref()));
    probe.expectMessage(StatusReply.ack());
  }

  /** Joins and answers for the channel as a channel would. */
  private Profile join(String channelId) {
    TestProbe<StatusReply<Profile>> probe = testKit.createTestProbe();
    operator.tell(new Operator.JoinChannel(channelId, probe.ref()));
    TestProbe<Channel.Command> channel = directory.channelProbe(channelId);
    Channel.UpdateMember update = channel.expectMessageClass(Channel.UpdateMember.class);
    assertEquals(operatorId, update.view().operatorId());
    update
        .replyTo()
        .tell(
            StatusReply.success(
                new Channel.Summary(channelId, "Website", List.of(operatorId), List.of(), 1)));
    return probe.receiveMessage().getValue();
  }

  private OfferAnswer offer(String conversationId, String channelId) {
    TestProbe<OfferAnswer> probe = testKit.createTestProbe();
    operator.tell(new Operator.Offer(conversationId, channelId, probe.ref()));
    return probe.receiveMessage();
  }

  private StatusReply<Profile> ask(Function<ActorRef<StatusReply<Profile>>, Operator.Command> f) {
    TestProbe<StatusReply<Profile>> probe = testKit.createTestProbe();
    operator.tell(f.apply(probe.ref()));
    return probe.receiveMessage();
  }

  private static Rejection rejectionOf(StatusReply<?> reply) {
    return assertInstanceOf(Rejection.class, reply.getError());
  }
}
