package livechat.engine.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import livechat.engine.EngineTestSettings;
import livechat.engine.ManualClock;
import livechat.engine.MemberView;
import livechat.engine.ProbeDirectory;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel.Started;
import livechat.engine.channel.Channel.Summary;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The channel entity alone: its operators and conversations are probes. */
class ChannelTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          PersistenceTestKitPlugin.getInstance()
              .config()
              .withFallback(PersistenceTestKitSnapshotPlugin.config()));

  private static final PersistenceTestKit journal = PersistenceTestKit.create(testKit.system());

  private final ProbeDirectory directory = new ProbeDirectory(testKit);
  private final String channelId = UUID.randomUUID().toString();
  private ActorRef<Channel.Command> channel = spawnChannel(channelId);

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void anUnknownChannelIsNotFoundAndCreatingItTwiceIsAConflict() {
    assertEquals("unknown_channel", rejectionOf(summary()).code());

    assertEquals("Website", create("  Website ").getValue().name());

    assertEquals("channel_exists", rejectionOf(create("Other")).code());
    assertEquals("invalid_channel", rejectionOf(createIn(spawnChannel(), " ")).code());
  }

  @Test
  void withoutMembersVisitorsWaitInArrivalOrderWithDefaultNames() {
    create("Website");

    TestProbe<StatusReply<Started>> first = start("c1", null);
    Conversation.Open opened = expectOpen("c1");
    assertEquals("Visitor #1", opened.visitor().name());
    assertEquals(new Started("c1", "waiting", null, 1), first.receiveMessage().getValue());
    TestProbe<StatusReply<Started>> second = start("c2", "Jeanne");
    assertEquals("Jeanne", expectOpen("c2").visitor().name());
    assertEquals(new Started("c2", "waiting", null, 2), second.receiveMessage().getValue());
    assertEquals(List.of("c1", "c2"), summary().getValue().queue());
  }

  @Test
  void aJoiningMemberIsOfferedTheHeadOfTheQueueAndTheRestMoveUp() {
    create("Website");
    start("c1", null);
    expectOpen("c1");
    directory.conversationProbe("c1").expectMessage(new Conversation.QueuePositionChanged(1));
    start("c2", null);
    expectOpen("c2");
    directory.conversationProbe("c2").expectMessage(new Conversation.QueuePositionChanged(2));

    channel.tell(new Channel.UpdateMember(view("anne", 0, 5), null));

    Operator.Offer offer = directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class);
    assertEquals("c1", offer.conversationId());
    offer.replyTo().tell(new Operator.OfferAccepted(view("anne", 1, 5), "Anne"));
    Conversation.AssignOperator assign =
        directory.conversationProbe("c1").expectMessageClass(Conversation.AssignOperator.class);
    assertEquals("anne", assign.operatorId());
    assertEquals("Anne", assign.displayName());
    directory.conversationProbe("c2").expectMessage(new Conversation.QueuePositionChanged(1));
    Operator.Offer next = directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class);
    assertEquals("c2", next.conversationId());
  }

  @Test
  void aStartThatFindsAMemberWithRoomIsOfferedFirstAndOpenedWithItsOperator() {
    create("Website");
    channel.tell(new Channel.UpdateMember(view("anne", 0, 5), null));

    TestProbe<StatusReply<Started>> started = start("c1", "Jeanne");
    Operator.Offer offer = directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class);
    assertEquals("c1", offer.conversationId());
    directory.conversationProbe("c1").expectMessage(new Conversation.Prepare());
    offer.replyTo().tell(new Operator.OfferAccepted(view("anne", 1, 5), "Anne"));

    Conversation.Open opened = expectOpen("c1");
    assertEquals("anne", opened.operatorId());
    assertEquals("Anne", opened.operatorDisplayName());
    assertEquals("Jeanne", opened.visitor().name());
    assertEquals(new Started("c1", "active", "Anne", null), started.receiveMessage().getValue());
    assertEquals(List.of(), summary().getValue().queue());
    directory.conversationProbe("c1").expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aStartDoesNotOvertakeAConversationThatWaits() {
    create("Website");
    start("c1", null);
    expectOpen("c1");
    directory.conversationProbe("c1").expectMessage(new Conversation.QueuePositionChanged(1));
    channel.tell(new Channel.UpdateMember(view("anne", 0, 5), null));
    assertEquals(
        "c1",
        directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class).conversationId());

    TestProbe<StatusReply<Started>> second = start("c2", null);

    assertNull(expectOpen("c2").operatorId(), "opened to wait behind c1");
    assertEquals(
        "c2",
        directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class).conversationId());
  }

  @Test
  void aStartWhoseMemberRefusesWaitsInTheQueueForTheNextCandidate() {
    create("Website");
    channel.tell(new Channel.UpdateMember(view("anne", 0, 5), null));
    channel.tell(new Channel.UpdateMember(view("marc", 1, 5), null));

    TestProbe<StatusReply<Started>> started = start("c1", null);
    directory
        .operatorProbe("anne")
        .expectMessageClass(Operator.Offer.class)
        .replyTo()
        .tell(new Operator.OfferRefused("anne", Operator.Refusal.NOT_A_MEMBER, null));
    assertNull(expectOpen("c1").operatorId(), "opened to wait");

    directory
        .operatorProbe("marc")
        .expectMessageClass(Operator.Offer.class)
        .replyTo()
        .tell(new Operator.OfferAccepted(view("marc", 2, 5), "Marc"));

    Started result = started.receiveMessage().getValue();
    assertEquals("active", result.status());
    assertEquals("Marc", result.operatorDisplayName());
    assertNull(result.queuePosition());
    assertEquals(List.of("marc"), summary().getValue().members(), "anne is no member");
  }

  @Test
  void aWaitingConversationThatLeavesMovesEveryoneBehindUp() {
    create("Website");
    List<String> ids = List.of("c1", "c2", "c3");
    for (int i = 0; i < ids.size(); i++) {
      // one at a time: the answers of two conversations' openings may overtake each other
      start(ids.get(i), null);
      expectOpen(ids.get(i));
      directory
          .conversationProbe(ids.get(i))
          .expectMessage(new Conversation.QueuePositionChanged(i + 1));
    }

    TestProbe<StatusReply<Done>> left = testKit.createTestProbe();
    channel.tell(new Channel.LeaveQueue("c1", left.ref()));
    left.expectMessage(StatusReply.ack());

    directory.conversationProbe("c3").expectMessage(new Conversation.QueuePositionChanged(2));
    assertEquals(List.of("c2", "c3"), summary().getValue().queue());
  }

  @Test
  void waitingConversationsAreOfferedToSeveralMembersAtOnceAndAssignedInQueueOrder() {
    create("Website");
    for (String id : List.of("c1", "c2")) {
      start(id, null);
      expectOpen(id);
      directory.conversationProbe(id).expectMessageClass(Conversation.QueuePositionChanged.class);
    }

    channel.tell(new Channel.UpdateMember(view("anne", 0, 1), null));
    channel.tell(new Channel.UpdateMember(view("marc", 0, 1), null));

    // both are out at once: anne cannot take two, so c2 goes to marc
    Operator.Offer toAnne =
        directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class);
    Operator.Offer toMarc =
        directory.operatorProbe("marc").expectMessageClass(Operator.Offer.class);
    assertEquals("c1", toAnne.conversationId());
    assertEquals("c2", toMarc.conversationId());

    // marc answers first, yet c1 is assigned before c2
    toMarc.replyTo().tell(new Operator.OfferAccepted(view("marc", 1, 1), "Marc"));
    directory.conversationProbe("c2").expectNoMessage(Duration.ofMillis(200));
    toAnne.replyTo().tell(new Operator.OfferAccepted(view("anne", 1, 1), "Anne"));
    assertEquals(
        "anne",
        directory
            .conversationProbe("c1")
            .expectMessageClass(Conversation.AssignOperator.class)
            .operatorId());
    assertEquals(
        "marc",
        directory
            .conversationProbe("c2")
            .expectMessageClass(Conversation.AssignOperator.class)
            .operatorId());
    assertEquals(List.of(), summary().getValue().queue());
  }

  @Test
  void aMemberViewHeardAfterALaterOneIsIgnored() {
    create("Website");
    channel.tell(new Channel.UpdateMember(versioned("anne", 1, 2, 7), null));
    channel.tell(new Channel.UpdateMember(versioned("anne", 2, 2, 5), null));

    start("c1", null);

    // anne's later view has room: the earlier one, heard last, does not hide it
    assertEquals(
        "c1",
        directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class).conversationId());
  }

  @Test
  void aMembersLoadWithinItsRoomIsRoutedByAndStoredOnlyWhenItFillsUp() {
    create("Website");
    channel.tell(new Channel.UpdateMember(versioned("anne", 0, 2, 1), null));
    channel.tell(new Channel.UpdateMember(versioned("bob", 0, 2, 1), null));
    channel.tell(new Channel.UpdateMember(versioned("anne", 1, 2, 2), null));

    start("c1", null);

    // anne joined first, but her load, heard and not stored, makes bob the less loaded
    assertEquals(
        "c1",
        directory.operatorProbe("bob").expectMessageClass(Operator.Offer.class).conversationId());
    channel.tell(new Channel.UpdateMember(versioned("anne", 2, 2, 3), null));
    assertEquals(1, summary().getValue().membersWithRoom(), "bob; anne filled up");
    assertEquals(List.of("anne 0/2", "bob 0/2", "anne 2/2"), storedViews());
  }

  @Test
  void aStartOpenedWithItsOperatorIsAnsweredWithoutAWriteOfTheChannel() {
    create("Website");
    channel.tell(new Channel.UpdateMember(view("anne", 0, 5), null));

    TestProbe<StatusReply<Started>> started = start("c1", null);
    directory
        .operatorProbe("anne")
        .expectMessageClass(Operator.Offer.class)
        .replyTo()
        .tell(new Operator.OfferAccepted(view("anne", 1, 5), "Anne"));
    expectOpen("c1");

    assertEquals("active", started.receiveMessage().getValue().status());
    summary();
    assertEquals(
        List.of(ChannelEvent.Created.class, ChannelEvent.MemberUpdated.class),
        journal.persistedInStorage(persistenceId()).stream().map(Object::getClass).toList());
  }

  @Test
  void aChannelWokenAgainOffersOnlyToMembersStoredWithRoom() {
    create("Website");
    channel.tell(new Channel.UpdateMember(versioned("anne", 0, 1, 1), null));
    channel.tell(new Channel.UpdateMember(versioned("bob", 0, 1, 1), null));
    channel.tell(new Channel.UpdateMember(versioned("anne", 1, 1, 2), null));
    summary();
    testKit.stop(channel);

    channel = spawnChannel(channelId);
    start("c1", null);

    assertEquals(
        "c1",
        directory.operatorProbe("bob").expectMessageClass(Operator.Offer.class).conversationId());
    directory.operatorProbe("anne").expectNoMessage(Duration.ofMillis(100));
  }

  // ---------------------------------------------------------------- helpers

  private String persistenceId() {
    return PersistenceId.of(Channel.ENTITY_TYPE_KEY.name(), channelId).id();
  }

  /** The member views the channel stored, as "operator active/capacity". */
  private List<String> storedViews() {
    return journal.persistedInStorage(persistenceId()).stream()
        .filter(ChannelEvent.MemberUpdated.class::isInstance)
        .map(event -> ((ChannelEvent.MemberUpdated) event).view())
        .map(view -> view.operatorId() + " " + view.active() + "/" + view.capacity())
        .toList();
  }

  private static MemberView versioned(String operatorId, int active, int capacity, long version) {
    return new MemberView(operatorId, "en_US", List.of(), active, capacity, version);
  }

  private static MemberView view(String operatorId, int active, int capacity) {
    return new MemberView(operatorId, "en_US", List.of(), active, capacity);
  }

  private StatusReply<Summary> create(String name) {
    return createIn(channel, name);
  }

  private ActorRef<Channel.Command> spawnChannel() {
    return spawnChannel(UUID.randomUUID().toString());
  }

  private ActorRef<Channel.Command> spawnChannel(String id) {
    return testKit.spawn(
        Channel.create(
            id,
            directory,
            EngineTestSettings.DEFAULTS,
            new ManualClock(Instant.parse("2026-03-02T09:00:00Z"))));
  }

  private static StatusReply<Summary> createIn(ActorRef<Channel.Command> target, String name) {
    TestProbe<StatusReply<Summary>> probe = testKit.createTestProbe();
    target.tell(new Channel.Create(name, probe.ref()));
    return probe.receiveMessage();
  }

  private StatusReply<Summary> summary() {
    TestProbe<StatusReply<Summary>> probe = testKit.createTestProbe();
    channel.tell(new Channel.GetSummary(probe.ref()));
    return probe.receiveMessage();
  }

  private TestProbe<StatusReply<Started>> start(String conversationId, String visitorName) {
    TestProbe<StatusReply<Started>> probe = testKit.createTestProbe();
    channel.tell(
        new Channel.StartConversation(conversationId, visitorName, "en_US", null, probe.ref()));
    return probe;
  }

  /**
   * The channel opens the conversation, woken first if it was offered at its start; answers as the
   * conversation would.
   */
  private Conversation.Open expectOpen(String conversationId) {
    TestProbe<Conversation.Command> probe = directory.conversationProbe(conversationId);
    Conversation.Command first = probe.receiveMessage();
    Conversation.Open open =
        assertInstanceOf(
            Conversation.Open.class,
            first instanceof Conversation.Prepare ? probe.receiveMessage() : first);
    open.replyTo().tell(StatusReply.ack());
    return open;
  }

  private static Rejection rejectionOf(StatusReply<?> reply) {
    return assertInstanceOf(Rejection.class, reply.getError());
  }
}
