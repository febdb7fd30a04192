package livechat.engine.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import livechat.engine.EngineTestSettings;
import livechat.engine.ManualClock;
import livechat.engine.MemberView;
import livechat.engine.ProbeDirectory;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.MessageAccepted;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.Conversation.View;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The conversation entity alone: its operators and channel are probes. */
class ConversationTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          PersistenceTestKitPlugin.getInstance()
              .config()
              .withFallback(PersistenceTestKitSnapshotPlugin.config()));

  private static final Participant VISITOR = Participant.visitor();
  private static final Participant MARC = Participant.operator("marc");
  private static final Participant ANNE = Participant.operator("anne");

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final ProbeDirectory directory = new ProbeDirectory(testKit);
  private final String conversationId = UUID.randomUUID().toString();
  private final ActorRef<Conversation.Command> conversation =
      testKit.spawn(
          Conversation.create(conversationId, directory, EngineTestSettings.DEFAULTS, clock));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void theFirstOperatorToClaimAWaitingConversationGetsItAndOthersAreDeclined() {
    open();
    assertEquals("waiting", view(VISITOR).status());

    assertInstanceOf(Conversation.Assigned.class, claim("marc", "Marc"));
    assertInstanceOf(Conversation.Declined.class, claim("anne", "Anne"));
    assertInstanceOf(Conversation.Assigned.class, claim("marc", "Marc"));

    View view = view(VISITOR);
    assertEquals("active", view.status());
    assertEquals("marc", view.operatorId());
    assertEquals("Marc", view.operatorDisplayName());
  }

  @Test
  void openedWithTheOperatorThatAcceptedItItIsActiveAtOnceAndTheOperatorIsTold() {
    assertEquals(StatusReply.ack(), openWith("marc", "Marc"));

    directory.operatorProbe("marc").expectMessage(new Operator.AssignmentConfirmed(conversationId));
    View view = view(VISITOR);
    assertEquals("active", view.status());
    assertEquals("marc", view.operatorId());
    assertEquals("Marc", view.operatorDisplayName());
    assertNull(view.queuePosition());

    assertEquals(StatusReply.ack(), openWith("marc", "Marc"), "the same opening again");
    assertEquals(
        "assigned_to_another_operator",
        assertInstanceOf(Rejection.class, openWith("anne", "Anne").getError()).code());
    assertEquals("marc", view(VISITOR).operatorId());
  }

  @Test
  void aClaimSentByTheChannelThatLosesIsDeclinedToTheOperator() {
    open();
    claim("marc", "Marc");

    conversation.tell(new Conversation.AssignOperator("anne", "Anne", "website", null));

    directory.operatorProbe("anne").expectMessage(new Operator.AssignmentDeclined(conversationId));
  }

  @Test
  void messagesHaveGapFreeSeqFromOneAndKeepTheAuthorsDisplayNameOfTheTime() {
    open();
    claim("marc", "Marc");

    assertEquals(1, send(VISITOR, "Bonjour", "v-1").getValue().seq());
    assertEquals(2, send(MARC, "Bonjour !", "m-1").getValue().seq());
    conversation.tell(new Conversation.RenameOperator("marc", "Marc Dupont"));
    assertEquals(3, send(MARC, "Je regarde.", "m-2").getValue().seq());

    List<Message> messages = messages(0);
    assertEquals(List.of(1L, 2L, 3L), messages.stream().map(Message::seq).toList());
    assertEquals("Visitor #7", messages.get(0).author().displayName());
    assertEquals("Marc", messages.get(1).author().displayName());
    assertEquals("Marc Dupont", messages.get(2).author().displayName());
    assertEquals("Marc Dupont", view(VISITOR).operatorDisplayName());
  }

  @Test
  void aRetriedClientMessageIdReturnsTheFirstSeqAndStoresNothing() {
    open();

    MessageAccepted first = send(VISITOR, "Hello", "retry-me").getValue();
    MessageAccepted retry = send(VISITOR, "Hello", "retry-me").getValue();

    assertEquals(new MessageAccepted(1, false), first);
    assertEquals(new MessageAccepted(1, true), retry);
    assertEquals(1, view(VISITOR).lastSeq());
  }

  @Test
  void aVisitorSendingMoreThanTheLimitWithinAMinuteIsRefusedUntilTheMinutePasses() {
    open();
    for (int i = 1; i <= 30; i++) {
      assertEquals(i, send(VISITOR, "message " + i, "m" + i).getValue().seq());
    }

    Rejection refused = rejectionOf(send(VISITOR, "one more", "m31"));
    assertEquals(Rejection.Kind.RATE_LIMITED, refused.kind());
    assertEquals(30, view(VISITOR).lastSeq());
    assertEquals(new MessageAccepted(30, true), send(VISITOR, "message 30", "m30").getValue());

    clock.advance(Duration.ofSeconds(61));
    assertEquals(31, send(VISITOR, "one more", "m31").getValue().seq());
  }

  @Test
  void textMustHoldOneTo4000CharactersAfterTrimming() {
    open();

    assertEquals("invalid_text", rejectionOf(send(VISITOR, "   ", "a")).code());
    assertEquals("invalid_text", rejectionOf(send(VISITOR, "x".repeat(4001), "b")).code());
    assertEquals(1, send(VISITOR, " " + "x".repeat(4000) + " ", "c").getValue().seq());
    assertEquals(1, view(VISITOR).lastSeq());
  }

  @Test
  void anOperatorMayNotWriteToAConversationThatIsNotAssignedToIt() {
    open();
    claim("marc", "Marc");

    assertEquals("not_your_conversation", rejectionOf(send(ANNE, "Hi", "a")).code());
    assertEquals(
        "not_your_conversation",
        rejectionOf(askView(replyTo -> new Conversation.Close(ANNE, replyTo))).code());
    assertEquals(0, view(VISITOR).lastSeq());
  }

  @Test
  void unreadCountsFollowTheSeenPointers() {
    open();
    claim("marc", "Marc");
    send(VISITOR, "one", "1");
    send(VISITOR, "two", "2");
    send(VISITOR, "three", "3");

    assertEquals(3, view(MARC).unread());
    assertEquals(0, view(VISITOR).unread());
    assertEquals(StatusReply.ack(), seen(MARC, 2));
    assertEquals(1, view(MARC).unread());
    assertEquals(StatusReply.ack(), seen(MARC, 1));
    assertEquals(1, view(MARC).unread());
    assertEquals("invalid_seq", rejectionOf(seen(MARC, 4)).code());
    send(MARC, "reply", "4");
    assertEquals(0, view(MARC).unread());
    assertEquals(1, view(VISITOR).unread());
  }

  @Test
  void closingAddsASystemMessageFreesTheSlotThenRepliesAndAnotherCloseChangesNothing() {
    open();
    claim("marc", "Marc");
    send(VISITOR, "Thanks, bye", "1");

    TestProbe<StatusReply<View>> closed = testKit.createTestProbe();
    conversation.tell(new Conversation.Close(VISITOR, closed.ref()));
    Operator.ReleaseConversation release =
        directory.operatorProbe("marc").expectMessageClass(Operator.ReleaseConversation.class);
    closed.expectNoMessage();
    release.replyTo().tell(StatusReply.ack());

    View view = closed.receiveMessage().getValue();
    assertEquals("closed", view.status());
    assertEquals(2, view.lastSeq());
    assertEquals("system", view.lastMessage().author().kind());
    assertEquals("Visitor #7 closed the conversation.", view.lastMessage().text());
    assertEquals(1, view(MARC).unread(), "a system message is not unread");

    TestProbe<StatusReply<View>> again = testKit.createTestProbe();
    conversation.tell(new Conversation.Close(MARC, again.ref()));
    directory
        .operatorProbe("marc")
        .expectMessageClass(Operator.ReleaseConversation.class)
        .replyTo()
        .tell(StatusReply.ack());
    assertEquals(2, again.receiveMessage().getValue().lastSeq());
    assertEquals("conversation_closed", rejectionOf(send(VISITOR, "wait", "2")).code());
  }

  @Test
  void aWaitingVisitorWhoClosesLeavesTheQueue() {
    open();

    View view = askView(replyTo -> new Conversation.Close(VISITOR, replyTo)).getValue();

    assertEquals("closed", view.status());
    Channel.LeaveQueue leave =
        directory.channelProbe("website").expectMessageClass(Channel.LeaveQueue.class);
    assertEquals(conversationId, leave.conversationId());
  }

  @Test
  void aTransferMovesTheConversationRecordsItAndFreesTheFormerOperatorsSlot() {
    open();
    claim("marc", "Marc");
    TestProbe<Conversation.Update> marcsSocket = testKit.createTestProbe();
    conversation.tell(new Conversation.Subscribe(0, MARC, marcsSocket.ref()));
    assertInstanceOf(Conversation.StatusChanged.class, marcsSocket.receiveMessage());

    TestProbe<StatusReply<View>> reply = testKit.createTestProbe();
    conversation.tell(new Conversation.Transfer(MARC, "anne", reply.ref()));
    Operator.Offer offer = directory.operatorProbe("anne").expectMessageClass(Operator.Offer.class);
    assertEquals("website", offer.channelId());
    offer
        .replyTo()
        .tell(new Operator.OfferAccepted(new MemberView("anne", "en_US", List.of(), 1, 5), "Anne"));
    directory.operatorProbe("anne").expectMessage(new Operator.AssignmentConfirmed(conversationId));
    directory
        .operatorProbe("marc")
        .expectMessageClass(Operator.ReleaseConversation.class)
        .replyTo()
        .tell(StatusReply.ack());

    View view = reply.receiveMessage().getValue();
    assertEquals("anne", view.operatorId());
    assertEquals("Anne", view.operatorDisplayName());
    assertEquals("Marc transferred the conversation to Anne.", view.lastMessage().text());
    assertEquals("not_your_conversation", rejectionOf(send(MARC, "still here?", "x")).code());

    // Marc hears of the transfer, then nothing more, and cannot subscribe again
    assertEquals(1, posted(marcsSocket.receiveMessage()).seq());
    assertInstanceOf(Conversation.StatusChanged.class, marcsSocket.receiveMessage());
    assertInstanceOf(Conversation.SubscriptionEnded.class, marcsSocket.receiveMessage());
    send(VISITOR, "hello Anne", "v1");
    marcsSocket.expectNoMessage();
    conversation.tell(new Conversation.Subscribe(0, MARC, marcsSocket.ref()));
    assertInstanceOf(Conversation.SubscriptionEnded.class, marcsSocket.receiveMessage());
    marcsSocket.expectNoMessage();
  }

  @Test
  void aTransferToOneselfIsAConflict() {
    open();
    claim("marc", "Marc");

    assertEquals(
        "transfer_to_self",
        rejectionOf(askView(replyTo -> new Conversation.Transfer(MARC, "marc", replyTo))).code());
  }

  @Test
  void aTransferTheTargetRefusesIsAConflictOrNotFoundAndChangesNothing() {
    open();
    claim("marc", "Marc");

    assertEquals("operator_at_capacity", transferRefusedWith(Operator.Refusal.AT_CAPACITY).code());
    assertEquals(
        "operator_not_in_channel", transferRefusedWith(Operator.Refusal.NOT_A_MEMBER).code());
    Rejection unknown = transferRefusedWith(Operator.Refusal.NOT_REGISTERED);
    assertEquals(Rejection.Kind.NOT_FOUND, unknown.kind());
    assertEquals("marc", view(VISITOR).operatorId());
    assertEquals(0, view(VISITOR).lastSeq());
  }

  @Test
  void onlyAConversationWithAnOperatorCanBeRatedWithOneThreeOrFive() {
    open();
    assertEquals("not_rateable_yet", rejectionOf(rate(5, null)).code());
    claim("marc", "Marc");

    assertEquals("invalid_rating", rejectionOf(rate(2, null)).code());
    assertEquals(StatusReply.ack(), rate(3, "ok"));
    assertEquals(StatusReply.ack(), rate(5, "  great  "));

    View view = view(VISITOR);
    assertEquals(5, view.rating());
    assertEquals("great", view.ratingComment());
  }

  @Test
  void aSubscriberGetsWhatItMissedThenLiveMessages() {
    open();
    claim("marc", "Marc");
    send(VISITOR, "one", "1");
    send(MARC, "two", "2");
    send(VISITOR, "three", "3");

    TestProbe<Conversation.Update> subscriber = testKit.createTestProbe();
    conversation.tell(new Conversation.Subscribe(1, VISITOR, subscriber.ref()));

    assertEquals(2, posted(subscriber.receiveMessage()).seq());
    assertEquals(3, posted(subscriber.receiveMessage()).seq());
    Conversation.StatusChanged status =
        assertInstanceOf(Conversation.StatusChanged.class, subscriber.receiveMessage());
    assertEquals("active", status.status());
    send(MARC, "four", "4");
    assertEquals(4, posted(subscriber.receiveMessage()).seq());
  }

  @Test
  void aWaitingConversationKnowsItsQueuePosition() {
    open();

    conversation.tell(new Conversation.QueuePositionChanged(3));

    assertEquals(3, view(VISITOR).queuePosition());
    claim("marc", "Marc");
    assertNull(view(VISITOR).queuePosition());
  }

  // ---------------------------------------------------------------- helpers

  private void open() {
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    conversation.tell(
        new Conversation.Open(
            "website",
            new Conversation.Visitor("Visitor #7", "fr_FR", "https://example.com/"),
            null,
            null,
            probe.ref()));
    probe.expectMessage(StatusReply.ack());
  }

  private StatusReply<Done> openWith(String operatorId, String displayName) {
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    conversation.tell(
        new Conversation.Open(
            "website",
            new Conversation.Visitor("Visitor #7", "fr_FR", null),
            operatorId,
            displayName,
            probe.ref()));
    return probe.receiveMessage();
  }

  /** An operator claims the conversation; when it gets it, it is also told so. */
  private Conversation.AssignmentAnswer claim(String operatorId, String displayName) {
    TestProbe<Conversation.AssignmentAnswer> probe = testKit.createTestProbe();
    conversation.tell(
        new Conversation.AssignOperator(operatorId, displayName, "website", probe.ref()));
    Conversation.AssignmentAnswer answer = probe.receiveMessage();
    if (answer instanceof Conversation.Assigned) {
      directory
          .operatorProbe(operatorId)
          .expectMessage(new Operator.AssignmentConfirmed(conversationId));
    }
    return answer;
  }

  private StatusReply<MessageAccepted> send(Participant from, String text, String clientMessageId) {
    TestProbe<StatusReply<MessageAccepted>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.SendMessage(from, text, clientMessageId, probe.ref()));
    return probe.receiveMessage();
  }

  private StatusReply<Done> seen(Participant by, long seq) {
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.MarkSeen(by, seq, probe.ref()));
    return probe.receiveMessage();
  }

  private StatusReply<Done> rate(int value, String comment) {
    TestProbe<StatusReply<Done>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.Rate(value, comment, probe.ref()));
    return probe.receiveMessage();
  }

  private Rejection transferRefusedWith(Operator.Refusal refusal) {
    TestProbe<StatusReply<View>> reply = testKit.createTestProbe();
    conversation.tell(new Conversation.Transfer(MARC, "anne", reply.ref()));
    directory
        .operatorProbe("anne")
        .expectMessageClass(Operator.Offer.class)
        .replyTo()
        .tell(new Operator.OfferRefused("anne", refusal, null));
    return rejectionOf(reply.receiveMessage());
  }

  private View view(Participant viewer) {
    return askView(replyTo -> new Conversation.GetView(viewer, replyTo)).getValue();
  }

  private StatusReply<View> askView(
      Function<ActorRef<StatusReply<View>>, Conversation.Command> command) {
    TestProbe<StatusReply<View>> probe = testKit.createTestProbe();
    conversation.tell(command.apply(probe.ref()));
    return probe.receiveMessage();
  }

  private List<Message> messages(long afterSeq) {
    TestProbe<StatusReply<Conversation.Messages>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.GetMessages(afterSeq, 100, probe.ref()));
    return probe.receiveMessage().getValue().messages();
  }

  private static Message posted(Conversation.Update update) {
    return assertInstanceOf(Conversation.MessagePosted.class, update).message();
  }

  private static Rejection rejectionOf(StatusReply<?> reply) {
    assertTrue(reply.isError(), () -> "expected an error, got " + reply);
    return assertInstanceOf(Rejection.class, reply.getError());
  }
}
