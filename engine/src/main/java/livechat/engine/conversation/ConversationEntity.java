package livechat.engine.conversation;

import static livechat.engine.conversation.Conversation.ACTIVE;
import static livechat.engine.conversation.Conversation.MAX_PAGE;
import static livechat.engine.conversation.Conversation.MAX_REPLY_CHARS;
import static livechat.engine.conversation.Conversation.MAX_TEXT_LENGTH;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import livechat.engine.EngineObserver;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.EntityRuntime;
import livechat.engine.JournalFailureReport;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation.AssignOperator;
import livechat.engine.conversation.Conversation.Assigned;
import livechat.engine.conversation.Conversation.Author;
import livechat.engine.conversation.Conversation.CheckVisitorPresent;
import livechat.engine.conversation.Conversation.Close;
import livechat.engine.conversation.Conversation.Command;
import livechat.engine.conversation.Conversation.Declined;
import livechat.engine.conversation.Conversation.GetMessages;
import livechat.engine.conversation.Conversation.GetView;
import livechat.engine.conversation.Conversation.MarkSeen;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.MessageAccepted;
import livechat.engine.conversation.Conversation.MessagePosted;
import livechat.engine.conversation.Conversation.Messages;
import livechat.engine.conversation.Conversation.Open;
import livechat.engine.conversation.Conversation.OperatorReleased;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.Conversation.QueuePositionChanged;
import livechat.engine.conversation.Conversation.Rate;
import livechat.engine.conversation.Conversation.RenameOperator;
import livechat.engine.conversation.Conversation.SendMessage;
import livechat.engine.conversation.Conversation.StatusChanged;
import livechat.engine.conversation.Conversation.Subscribe;
import livechat.engine.conversation.Conversation.SubscriberGone;
import livechat.engine.conversation.Conversation.SubscriptionEnded;
import livechat.engine.conversation.Conversation.Transfer;
import livechat.engine.conversation.Conversation.TransferAnswered;
import livechat.engine.conversation.Conversation.Typing;
import livechat.engine.conversation.Conversation.TypingStarted;
import livechat.engine.conversation.Conversation.Unsubscribe;
import livechat.engine.conversation.Conversation.Update;
import livechat.engine.conversation.Conversation.View;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationEvent.OperatorAssigned;
import livechat.engine.conversation.ConversationEvent.OperatorRenamed;
import livechat.engine.conversation.ConversationEvent.Rated;
import livechat.engine.conversation.ConversationEvent.SeenMoved;
import livechat.engine.conversation.ConversationEvent.Transferred;
import livechat.engine.conversation.ConversationState.NotOpened;
import livechat.engine.conversation.ConversationState.Opened;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The behaviour of a {@link Conversation}: checks each command against its state, stores what
 * changes and tells its subscribers, its operator and its channel.
 */
final class ConversationEntity
    extends EventSourcedBehaviorWithEnforcedReplies<Command, ConversationEvent, ConversationState> {

  private final String conversationId;
  private final ActorContext<Command> context;
  private final EntityDirectory directory;
  private final EngineSettings settings;
  private final Clock clock;

  private Integer queuePosition;

  private final Subscribers subscribers;

  private final VisitorSendRate visitorSends;
  private final TimerScheduler<Command> timers;
  private final JournalFailureReport journalFailures;
  private final MessageTags messageTags;

  /** When the visitor was last known to be there, while the conversation waits. */
  private Instant visitorSeenAt;

  ConversationEntity(
      String conversationId,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock) {
    super(
        PersistenceId.of(Conversation.ENTITY_TYPE_KEY.name(), conversationId),
        EntityRuntime.restartOnJournalFailure(context.getSystem()));
    this.conversationId = conversationId;
    this.context = context;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.visitorSends = new VisitorSendRate(settings.visitorMessagesPerMinute());
    this.subscribers = new Subscribers(conversationId, context);
    this.timers = timers;
    this.journalFailures =
        new JournalFailureReport(context.getSystem(), Conversation.ENTITY_TYPE_KEY);
    this.messageTags = MessageTags.get(context.getSystem());
  }

  @Override
  public ConversationState emptyState() {
    return new NotOpened();
  }

  @Override
  public Set<String> tagsFor(ConversationEvent event) {
    return ConversationEvent.isLifecycle(event)
            || (event instanceof MessageAdded && messageTags.tagged())
        ? Set.of(ConversationEvent.LIFECYCLE_TAG)
        : Set.of();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<ConversationState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (state instanceof Opened opened && opened.isWaiting()) {
                watchForVisitor();
              }
            })
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, ConversationEvent, ConversationState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(NotOpened.class)
        .onCommand(Open.class, this::onOpen)
        .onCommand(AssignOperator.class, (state, c) -> decline(c, "not_open"))
        .onCommand(SendMessage.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(MarkSeen.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(Close.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(Transfer.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(Rate.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(GetView.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(GetMessages.class, (state, c) -> notFound(c.replyTo()))
        .onAnyCommand(command -> Effect().none().thenNoReply());
    builder
        .forStateType(Opened.class)
        .onCommand(Open.class, (state, c) -> Effect().reply(c.replyTo(), StatusReply.ack()))
        .onCommand(AssignOperator.class, this::onAssignOperator)
        .onCommand(QueuePositionChanged.class, this::onQueuePositionChanged)
        .onCommand(RenameOperator.class, this::onRenameOperator)
        .onCommand(SendMessage.class, this::onSendMessage)
        .onCommand(MarkSeen.class, this::onMarkSeen)
        .onCommand(Close.class, this::onClose)
        .onCommand(OperatorReleased.class, this::onOperatorReleased)
        .onCommand(Transfer.class, this::onTransfer)
        .onCommand(TransferAnswered.class, this::onTransferAnswered)
        .onCommand(Rate.class, this::onRate)
        .onCommand(Typing.class, this::onTyping)
        .onCommand(Subscribe.class, this::onSubscribe)
        .onCommand(Unsubscribe.class, (state, c) -> unsubscribe(c.subscriber()))
        .onCommand(SubscriberGone.class, (state, c) -> unsubscribe(c.subscriber()))
        .onCommand(
            GetView.class,
            (state, c) -> {
              noteVisitor(c.viewer());
              return Effect().reply(c.replyTo(), StatusReply.success(view(state, c.viewer())));
            })
        .onCommand(GetMessages.class, this::onGetMessages)
        .onCommand(CheckVisitorPresent.class, this::onCheckVisitorPresent);
    return builder.build();
  }

  private ReplyEffect<ConversationEvent, ConversationState> onOpen(NotOpened state, Open open) {
    return Effect()
        .persist(new ConversationOpened(open.channelId(), open.visitor(), clock.instant()))
        .thenRun(after -> watchForVisitor())
        .thenReply(open.replyTo(), after -> StatusReply.ack());
  }

  private ReplyEffect<ConversationEvent, ConversationState> onAssignOperator(
      Opened state, AssignOperator claim) {
    if (state.isWaiting()) {
      return Effect()
          .persist(new OperatorAssigned(claim.operatorId(), claim.displayName(), clock.instant()))
          .thenRun(
              after -> {
                queuePosition = null;
                directory
                    .operator(claim.operatorId())
                    .tell(new Operator.AssignmentConfirmed(conversationId));
                publishStatus((Opened) after);
                if (claim.replyTo() != null) {
                  claim.replyTo().tell(new Assigned());
                }
              })
          .thenNoReply();
    }
    if (state.status().equals(ACTIVE) && claim.operatorId().equals(state.operatorId())) {
      directory.operator(claim.operatorId()).tell(new Operator.AssignmentConfirmed(conversationId));
      if (claim.replyTo() != null) {
        claim.replyTo().tell(new Assigned());
      }
      return Effect().none().thenNoReply();
    }
    return decline(claim, state.isClosed() ? "closed" : "assigned_to_another_operator");
  }

  private ReplyEffect<ConversationEvent, ConversationState> decline(
      AssignOperator claim, String reason) {
    if (claim.replyTo() != null) {
      claim.replyTo().tell(new Declined(reason));
    } else {
      directory.operator(claim.operatorId()).tell(new Operator.AssignmentDeclined(conversationId));
    }
    return Effect().none().thenNoReply();
  }

  /**
   * Checks a few times per {@code waiting-without-visitor-timeout} that the visitor of a waiting
   * conversation is still there: counted from when the conversation opened or recovered, or last
   * had a visitor socket. The timer's messages do not keep the entity from passivating.
   */
  private void watchForVisitor() {
    visitorSeenAt = clock.instant();
    timers.startTimerWithFixedDelay(
        "visitor-present",
        new CheckVisitorPresent(),
        settings.waitingWithoutVisitorTimeout().dividedBy(4));
  }

  /** A visitor that reads or writes without a socket (over REST) is there too. */
  private void noteVisitor(Participant participant) {
    if (participant != null && participant.isVisitor()) {
      visitorSeenAt = clock.instant();
    }
  }

  /** A waiting conversation whose visitor has been gone past the timeout closes itself. */
  private ReplyEffect<ConversationEvent, ConversationState> onCheckVisitorPresent(
      Opened state, CheckVisitorPresent check) {
    Instant now = clock.instant();
    if (!state.isWaiting()) {
      timers.cancel("visitor-present");
      return Effect().none().thenNoReply();
    }
    if (subscribers.includesVisitor() || visitorSeenAt == null) {
      visitorSeenAt = now;
      return Effect().none().thenNoReply();
    }
    if (now.isBefore(visitorSeenAt.plus(settings.waitingWithoutVisitorTimeout()))) {
      return Effect().none().thenNoReply();
    }
    timers.cancel("visitor-present");
    return closeWithNotice(
        state, "system", state.visitor().name() + " left before an operator joined.", after -> {});
  }

  private ReplyEffect<ConversationEvent, ConversationState> onQueuePositionChanged(
      Opened state, QueuePositionChanged changed) {
    if (state.isWaiting()) {
      queuePosition = changed.position();
      publishStatus(state);
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<ConversationEvent, ConversationState> onRenameOperator(
      Opened state, RenameOperator rename) {
    if (!rename.operatorId().equals(state.operatorId())
        || rename.displayName().equals(state.operatorDisplayName())) {
      return Effect().none().thenNoReply();
    }
    return Effect()
        .persist(new OperatorRenamed(rename.displayName()))
        .thenRun(after -> publishStatus((Opened) after))
        .thenNoReply();
  }

  private ReplyEffect<ConversationEvent, ConversationState> onSendMessage(
      Opened state, SendMessage send) {
    noteVisitor(send.from());
    Rejection problem = mayTakePart(state, send.from());
    if (problem == null && state.isClosed()) {
      problem = closed();
    }
    String text = send.text() == null ? "" : send.text().strip();
    if (problem == null && (text.isEmpty() || text.length() > MAX_TEXT_LENGTH)) {
      problem =
          Rejection.invalid(
              "invalid_text",
              "A message holds 1 to " + MAX_TEXT_LENGTH + " characters after trimming.");
    }
    if (problem != null) {
      return Effect().reply(send.replyTo(), StatusReply.error(problem));
    }
    Long earlier =
        send.clientMessageId() == null ? null : state.seqOfClientMessage(send.clientMessageId());
    if (earlier != null) {
      return Effect()
          .reply(send.replyTo(), StatusReply.success(new MessageAccepted(earlier, true)));
    }
    Instant now = clock.instant();
    if (send.from().isVisitor() && !visitorSends.tryAcquire(now)) {
      return Effect()
          .reply(
              send.replyTo(),
              StatusReply.error(
                  Rejection.rateLimited(
                      "rate_limited",
                      "You are sending messages too fast; wait a moment and send again.")));
    }
    Author author =
        send.from().isVisitor()
            ? new Author("visitor", null, state.visitor().name())
            : new Author("operator", send.from().operatorId(), state.operatorDisplayName());
    Message message = new Message(state.lastSeq() + 1, author, text, now, send.clientMessageId());
    return Effect()
        .persist(new MessageAdded(message))
        .thenRun(after -> publish(new MessagePosted(conversationId, message)))
        .thenReply(
            send.replyTo(),
            after -> StatusReply.success(new MessageAccepted(message.seq(), false)));
  }

  private ReplyEffect<ConversationEvent, ConversationState> onMarkSeen(
      Opened state, MarkSeen mark) {
    noteVisitor(mark.by());
    Rejection problem = mayTakePart(state, mark.by());
    if (problem == null && (mark.seq() < 0 || mark.seq() > state.lastSeq())) {
      problem =
          Rejection.invalid(
              "invalid_seq",
              "seq must be between 0 and " + state.lastSeq() + ", the last message.");
    }
    if (problem != null) {
      return Effect().reply(mark.replyTo(), StatusReply.error(problem));
    }
    if (mark.seq() <= state.seen().getOrDefault(mark.by().key(), 0L)) {
      return Effect().reply(mark.replyTo(), StatusReply.ack());
    }
    return Effect()
        .persist(new SeenMoved(mark.by().key(), mark.seq()))
        .thenReply(mark.replyTo(), after -> StatusReply.ack());
  }

  private ReplyEffect<ConversationEvent, ConversationState> onClose(Opened state, Close close) {
    Rejection problem = mayTakePart(state, close.by());
    if (problem != null) {
      return Effect().reply(close.replyTo(), StatusReply.error(problem));
    }
    if (state.isClosed()) {
      if (state.operatorId() != null) {
        releaseOperator(state.operatorId(), close.by(), close.replyTo(), 1);
        return Effect().none().thenNoReply();
      }
      return Effect().reply(close.replyTo(), StatusReply.success(view(state, close.by())));
    }
    String closer = close.by().isVisitor() ? state.visitor().name() : state.operatorDisplayName();
    boolean waiting = state.isWaiting();
    return closeWithNotice(
        state,
        close.by().key(),
        closer + " closed the conversation.",
        after -> {
          if (waiting) {
            close.replyTo().tell(StatusReply.success(view(after, close.by())));
          } else {
            releaseOperator(state.operatorId(), close.by(), close.replyTo(), 1);
          }
        });
  }

  /**
   * Closes the conversation with a system message saying why: tells its subscribers, takes it out
   * of its channel's queue if it waited, then runs {@code then}.
   */
  private ReplyEffect<ConversationEvent, ConversationState> closeWithNotice(
      Opened state, String by, String noticeText, Consumer<Opened> then) {
    Instant now = clock.instant();
    Message notice = new Message(state.lastSeq() + 1, Author.system(), noticeText, now, null);
    boolean waiting = state.isWaiting();
    return Effect()
        .persist(List.of(new MessageAdded(notice), closedEvent(state, by, now, notice)))
        .thenRun(
            after -> {
              queuePosition = null;
              EngineObserver.of(context.getSystem()).conversationClosed(state.channelId());
              publish(new MessagePosted(conversationId, notice));
              publishStatus((Opened) after);
              if (waiting) {
                directory
                    .channel(state.channelId())
                    .tell(new Channel.LeaveQueue(conversationId, context.getSystem().ignoreRef()));
              }
              then.accept((Opened) after);
            })
        .thenNoReply();
  }

  /** The close, with what the read side needs of the messages; {@code notice} is the last. */
  private static Closed closedEvent(Opened state, String by, Instant at, Message notice) {
    return new Closed(
        by,
        at,
        state.firstVisitorMessageAt(),
        state.firstAnswerAt(),
        state.visitorMessages(),
        state.operatorMessages(),
        notice.seq());
  }

  /** Asks the operator to free the slot; the closer hears back once it is free. */
  private void releaseOperator(
      String operatorId, Participant by, ActorRef<StatusReply<View>> replyTo, int attempt) {
    context.askWithStatus(
        Done.class,
        directory.operator(operatorId),
        settings.askTimeout(),
        ask -> new Operator.ReleaseConversation(conversationId, ask),
        (done, failure) -> new OperatorReleased(operatorId, by, replyTo, attempt, failure));
  }

  private ReplyEffect<ConversationEvent, ConversationState> onOperatorReleased(
      Opened state, OperatorReleased released) {
    if (released.failure() == null) {
      return Effect().reply(released.replyTo(), StatusReply.success(view(state, released.by())));
    }
    if (released.attempt() < 3) {
      releaseOperator(
          released.operatorId(), released.by(), released.replyTo(), released.attempt() + 1);
      return Effect().none().thenNoReply();
    }
    return Effect()
        .reply(
            released.replyTo(),
            StatusReply.error(
                Rejection.conflict(
                    "release_pending",
                    "The operator's slot is not freed yet; repeat the request to retry.")));
  }

  private ReplyEffect<ConversationEvent, ConversationState> onTransfer(
      Opened state, Transfer transfer) {
    Rejection problem = mayTakePart(state, transfer.by());
    if (problem == null && transfer.by().isVisitor()) {
      problem = Rejection.forbidden("forbidden", "Only the operator may transfer a conversation.");
    }
    if (problem == null && state.isClosed()) {
      problem = closed();
    }
    if (problem == null && !state.status().equals(ACTIVE)) {
      problem = Rejection.conflict("not_assigned", "The conversation has no operator yet.");
    }
    if (problem == null && transfer.toOperatorId().equals(state.operatorId())) {
      problem =
          Rejection.conflict(
              "transfer_to_self", "The conversation is already assigned to this operator.");
    }
    if (problem != null) {
      return Effect().reply(transfer.replyTo(), StatusReply.error(problem));
    }
    String from = state.operatorId();
    context.ask(
        Operator.OfferAnswer.class,
        directory.operator(transfer.toOperatorId()),
        settings.offerTimeout(),
        replyTo -> new Operator.Offer(conversationId, state.channelId(), replyTo),
        (answer, failure) ->
            new TransferAnswered(
                transfer.by(), from, transfer.toOperatorId(), answer, transfer.replyTo()));
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<ConversationEvent, ConversationState> onTransferAnswered(
      Opened state, TransferAnswered answered) {
    if (!(answered.answer() instanceof Operator.OfferAccepted accepted)) {
      return Effect().reply(answered.replyTo(), StatusReply.error(transferRefusal(answered)));
    }
    if (!state.status().equals(ACTIVE) || !answered.fromOperatorId().equals(state.operatorId())) {
      directory
          .operator(answered.toOperatorId())
          .tell(new Operator.AssignmentDeclined(conversationId));
      return Effect()
          .reply(
              answered.replyTo(),
              StatusReply.error(
                  Rejection.conflict(
                      "conversation_changed", "The conversation changed during the transfer.")));
    }
    Instant now = clock.instant();
    Message notice =
        new Message(
            state.lastSeq() + 1,
            Author.system(),
            state.operatorDisplayName()
                + " transferred the conversation to "
                + accepted.displayName()
                + ".",
            now,
            null);
    return Effect()
        .persist(
            List.of(
                new MessageAdded(notice),
                new Transferred(
                    answered.fromOperatorId(),
                    answered.toOperatorId(),
                    accepted.displayName(),
                    now)))
        .thenRun(
            after -> {
              directory
                  .operator(answered.toOperatorId())
                  .tell(new Operator.AssignmentConfirmed(conversationId));
              publish(new MessagePosted(conversationId, notice));
              publishStatus((Opened) after);
              // the operators who may no longer read it stop hearing of it
              subscribers.endUnless(reader -> mayRead((Opened) after, reader));
              releaseOperator(answered.fromOperatorId(), answered.by(), answered.replyTo(), 1);
            })
        .thenNoReply();
  }

  private static Rejection transferRefusal(TransferAnswered answered) {
    if (answered.answer() instanceof Operator.OfferRefused refused) {
      return switch (refused.reason()) {
        case NOT_REGISTERED ->
            Rejection.notFound("unknown_operator", "There is no operator with this id.");
        case NOT_A_MEMBER ->
            Rejection.conflict(
                "operator_not_in_channel", "That operator is not in this conversation's channel.");
        case AT_CAPACITY ->
            Rejection.conflict(
                "operator_at_capacity", "That operator has no room for another conversation.");
      };
    }
    return Rejection.conflict("operator_unavailable", "That operator did not answer; try again.");
  }

  private ReplyEffect<ConversationEvent, ConversationState> onRate(Opened state, Rate rate) {
    if (state.isWaiting()) {
      return Effect()
          .reply(
              rate.replyTo(),
              StatusReply.error(
                  Rejection.conflict(
                      "not_rateable_yet", "A conversation can be rated once an operator joined.")));
    }
    if (rate.value() != 1 && rate.value() != 3 && rate.value() != 5) {
      return Effect()
          .reply(
              rate.replyTo(),
              StatusReply.error(Rejection.invalid("invalid_rating", "A rating is 1, 3 or 5.")));
    }
    String comment =
        rate.comment() == null || rate.comment().isBlank() ? null : rate.comment().strip();
    return Effect()
        .persist(new Rated(rate.value(), comment, clock.instant()))
        .thenRun(after -> publishStatus((Opened) after))
        .thenReply(rate.replyTo(), after -> StatusReply.ack());
  }

  private ReplyEffect<ConversationEvent, ConversationState> onTyping(Opened state, Typing typing) {
    if (mayTakePart(state, typing.by()) == null && !state.isClosed()) {
      Author author =
          typing.by().isVisitor()
              ? new Author("visitor", null, state.visitor().name())
              : new Author("operator", typing.by().operatorId(), state.operatorDisplayName());
      publish(new TypingStarted(conversationId, author));
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<ConversationEvent, ConversationState> onSubscribe(
      Opened state, Subscribe subscribe) {
    ActorRef<Update> subscriber = subscribe.subscriber();
    if (!mayRead(state, subscribe.by())) {
      subscriber.tell(new SubscriptionEnded(conversationId));
      return unsubscribe(subscriber);
    }
    // older messages are the subscriber's to read from the journal: it learns lastSeq below
    if (state.holdsEverythingAfter(subscribe.afterSeq())) {
      for (Message message : state.recent()) {
        if (message.seq() > subscribe.afterSeq()) {
          subscriber.tell(new MessagePosted(conversationId, message));
        }
      }
    }
    subscriber.tell(statusOf(state));
    subscribers.add(subscriber, subscribe.by());
    return Effect().none().thenNoReply();
  }

  /** Its visitor, and the operator it is assigned to, read a conversation. */
  private static boolean mayRead(Opened state, Participant reader) {
    return reader.isVisitor() || reader.operatorId().equals(state.operatorId());
  }

  private ReplyEffect<ConversationEvent, ConversationState> unsubscribe(
      ActorRef<Update> subscriber) {
    subscribers.remove(subscriber);
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<ConversationEvent, ConversationState> onGetMessages(
      Opened state, GetMessages get) {
    long afterSeq = Math.max(0, get.afterSeq());
    Messages page =
        state.holdsEverythingAfter(afterSeq)
            ? new Messages(
                state.recentAfter(
                    afterSeq, Math.max(1, Math.min(get.limit(), MAX_PAGE)), MAX_REPLY_CHARS),
                state.lastSeq(),
                0)
            : new Messages(List.of(), state.lastSeq(), state.journalPositionAfter(afterSeq));
    return Effect().reply(get.replyTo(), StatusReply.success(page));
  }

  @Override
  public EventHandler<ConversationState, ConversationEvent> eventHandler() {
    int recentLimit = settings.recentMessages();
    var builder = newEventHandlerBuilder();
    builder
        .forStateType(NotOpened.class)
        .onEvent(ConversationOpened.class, (state, opened) -> Opened.opened(opened));
    builder
        .forStateType(Opened.class)
        .onEvent(ConversationEvent.class, (state, event) -> state.apply(event, recentLimit));
    return builder.build();
  }

  // ---------------------------------------------------------------- helpers

  /** The visitor always takes part; an operator only while it is the conversation's operator. */
  private static Rejection mayTakePart(Opened state, Participant participant) {
    if (participant.isVisitor() || participant.operatorId().equals(state.operatorId())) {
      return null;
    }
    return Rejection.forbidden(
        "not_your_conversation", "This conversation is not assigned to you.");
  }

  private static Rejection closed() {
    return Rejection.conflict("conversation_closed", "The conversation is closed.");
  }

  private void publish(Update update) {
    subscribers.publish(update);
  }

  private void publishStatus(Opened state) {
    publish(statusOf(state));
  }

  private StatusChanged statusOf(Opened state) {
    return new StatusChanged(
        conversationId,
        state.status(),
        state.operatorDisplayName(),
        queuePosition,
        state.lastSeq(),
        state.rating(),
        state.ratingComment());
  }

  private View view(Opened state, Participant viewer) {
    return new View(
        conversationId,
        state.channelId(),
        state.status(),
        state.visitor(),
        state.operatorId(),
        state.operatorDisplayName(),
        state.lastSeq(),
        state.isWaiting() ? queuePosition : null,
        state.lastMessage(),
        state.unread(viewer == null ? null : viewer.key()),
        state.seen(),
        state.rating(),
        state.ratingComment(),
        state.lastActivityAt());
  }

  private <T> ReplyEffect<ConversationEvent, ConversationState> notFound(
      ActorRef<StatusReply<T>> replyTo) {
    return Effect()
        .reply(
            replyTo,
            StatusReply.error(
                Rejection.notFound(
                    "unknown_conversation", "There is no conversation with this id.")));
  }
}
