package livechat.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * A conversation between a visitor and an operator: its status ({@code waiting}, {@code active},
 * {@code closed}), its operator, and its messages with a gap-free {@code seq} from 1.
 *
 * <p>It is the single writer of its own assignment: the first operator it is assigned to keeps it;
 * any other claim is declined, and that operator frees its slot. A retried send that carries an
 * earlier {@code clientMessageId} returns the first {@code seq} and stores nothing. Each
 * participant has a seen pointer from which its unread count follows. Subscribers name the last
 * {@code seq} they saw and receive what they missed, then every update as it happens.
 */
public final class Conversation
    extends EventSourcedBehaviorWithEnforcedReplies<
        Conversation.Command, Conversation.Event, Conversation.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Conversation");

  static final int MAX_TEXT_LENGTH = 4000;
  static final int MAX_PAGE = 500;

  // ---------------------------------------------------------------- values

  public record Visitor(String name, String language, String pageUrl) implements CborSerializable {}

  /** Who takes part: the visitor, or an operator by id. */
  public record Participant(String kind, String operatorId) implements CborSerializable {
    public static Participant visitor() {
      return new Participant("visitor", null);
    }

    public static Participant operator(String operatorId) {
      return new Participant("operator", operatorId);
    }

    public boolean isVisitor() {
      return kind.equals("visitor");
    }

    /** A stable key: {@code visitor} or {@code operator:<id>}. */
    public String key() {
      return isVisitor() ? "visitor" : "operator:" + operatorId;
    }
  }

  /** Who wrote a message: {@code kind} is visitor, operator or system. */
  public record Author(String kind, String operatorId, String displayName)
      implements CborSerializable {
    static Author system() {
      return new Author("system", null, "System");
    }

    String key() {
      return kind.equals("operator") ? "operator:" + operatorId : kind;
    }
  }

  public record Message(long seq, Author author, String text, Instant at, String clientMessageId)
      implements CborSerializable {}

  // ---------------------------------------------------------------- protocol

  public sealed interface Command extends CborSerializable {}

  /** The channel opens the conversation for a visitor; repeating it changes nothing. */
  public record Open(String channelId, Visitor visitor, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /**
   * An operator that accepted the conversation claims it: the channel on the operator's behalf
   * ({@code replyTo} null), or the operator itself to check its reservation.
   */
  public record AssignOperator(
      String operatorId, String displayName, String channelId, ActorRef<AssignmentAnswer> replyTo)
      implements Command {}

  public sealed interface AssignmentAnswer extends CborSerializable {}

  public record Assigned() implements AssignmentAnswer {}

  public record Declined(String reason) implements AssignmentAnswer {}

  /** The channel's queue moved; {@code position} is 1-based. */
  public record QueuePositionChanged(int position) implements Command {}

  public record RenameOperator(String operatorId, String displayName) implements Command {}

  /**
   * A message from a participant, written under the name it has now: the visitor's name or the
   * operator's display name. {@code clientMessageId} may be null (no retry protection).
   */
  public record SendMessage(
      Participant from,
      String text,
      String clientMessageId,
      ActorRef<StatusReply<MessageAccepted>> replyTo)
      implements Command {}

  /** {@code duplicate} when the {@code clientMessageId} had been sent before. */
  public record MessageAccepted(long seq, boolean duplicate) implements CborSerializable {}

  public record MarkSeen(Participant by, long seq, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Close(Participant by, ActorRef<StatusReply<View>> replyTo) implements Command {}

  public record Transfer(Participant by, String toOperatorId, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record Rate(int value, String comment, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Typing(Participant by) implements Command {}

  /**
   * Sends {@code subscriber} every message after {@code afterSeq}, then live updates, for as long
   * as {@code by} may read the conversation (its visitor, or the operator it is assigned to).
   */
  public record Subscribe(long afterSeq, Participant by, ActorRef<Update> subscriber)
      implements Command {}

  public record Unsubscribe(ActorRef<Update> subscriber) implements Command {}

  /** The conversation as {@code viewer} sees it (its unread count); viewer may be null. */
  public record GetView(Participant viewer, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record GetMessages(long afterSeq, int limit, ActorRef<StatusReply<Messages>> replyTo)
      implements Command {}

  record OperatorReleased(
      String operatorId,
      Participant by,
      ActorRef<StatusReply<View>> replyTo,
      int attempt,
      Throwable failure)
      implements Command {}

  record TransferAnswered(
      Participant by,
      String fromOperatorId,
      String toOperatorId,
      Operator.OfferAnswer answer,
      ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  record SubscriberGone(ActorRef<Update> subscriber) implements Command {}

  public record View(
      String id,
      String channelId,
      String status,
      Visitor visitor,
      String operatorId,
      String operatorDisplayName,
      long lastSeq,
      Integer queuePosition,
      Message lastMessage,
      int unread,
      Map<String, Long> seen,
      Integer rating,
      String ratingComment,
      Instant lastActivityAt)
      implements CborSerializable {}

  public record Messages(List<Message> messages) implements CborSerializable {}

  /** What subscribers receive. */
  public sealed interface Update extends CborSerializable {}

  public record MessagePosted(String conversationId, Message message) implements Update {}

  /** The subscriber may not, or no longer, read the conversation: nothing more comes. */
  public record SubscriptionEnded(String conversationId) implements Update {}

  /**
   * The conversation's status; {@code lastSeq} tells a new subscriber where it stands. {@code
   * rating} is the visitor's, once given (null before).
   */
  public record StatusChanged(
      String conversationId,
      String status,
      String operatorDisplayName,
      Integer queuePosition,
      long lastSeq,
      Integer rating,
      String ratingComment)
      implements Update {}

  public record TypingStarted(String conversationId, Author author) implements Update {}

  // ---------------------------------------------------------------- events

  public sealed interface Event extends CborSerializable {}

  public record ConversationOpened(String channelId, Visitor visitor, Instant at)
      implements Event {}

  public record OperatorAssigned(String operatorId, String displayName, Instant at)
      implements Event {}

  public record OperatorRenamed(String displayName) implements Event {}

  public record MessageAdded(Message message) implements Event {}

  public record SeenMoved(String participant, long seq) implements Event {}

  public record Closed(String by, Instant at) implements Event {}

  public record Transferred(
      String fromOperatorId, String toOperatorId, String displayName, Instant at)
      implements Event {}

  public record Rated(int value, String comment, Instant at) implements Event {}

  // ---------------------------------------------------------------- state

  public sealed interface State extends CborSerializable {}

  public record NotOpened() implements State {}

  public record Opened(
      String channelId,
      Visitor visitor,
      String status,
      String operatorId,
      String operatorDisplayName,
      List<Message> messages,
      Map<String, Long> clientMessageIds,
      Map<String, Long> seen,
      Integer rating,
      String ratingComment,
      Instant lastActivityAt)
      implements State {

    long lastSeq() {
      return messages.size();
    }

    boolean isClosed() {
      return status.equals(CLOSED);
    }

    Opened with(String newStatus, String newOperatorId, String newDisplayName) {
      return new Opened(
          channelId,
          visitor,
          newStatus,
          newOperatorId,
          newDisplayName,
          messages,
          clientMessageIds,
          seen,
          rating,
          ratingComment,
          lastActivityAt);
    }

    Opened at(Instant at) {
      return new Opened(
          channelId,
          visitor,
          status,
          operatorId,
          operatorDisplayName,
          messages,
          clientMessageIds,
          seen,
          rating,
          ratingComment,
          at);
    }
  }

  static final String WAITING = "waiting";
  static final String ACTIVE = "active";
  static final String CLOSED = "closed";

  // ---------------------------------------------------------------- behaviour

  private final String conversationId;
  private final ActorContext<Command> context;
  private final EntityDirectory directory;
  private final EngineSettings settings;
  private final Clock clock;
  private final JournalFailureReport journalFailures;

  private Integer queuePosition;

  /** Who listens, and as whom: checked on subscribing, and again when the operator changes. */
  private final Map<ActorRef<Update>, Participant> subscribers = new LinkedHashMap<>();

  /** When the visitor's messages of the last minute were sent, oldest first. */
  private final Deque<Instant> visitorSends = new ArrayDeque<>();

  private Conversation(
      String conversationId,
      ActorContext<Command> context,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock) {
    super(
        PersistenceId.of(ENTITY_TYPE_KEY.name(), conversationId),
        EntityRuntime.restartOnJournalFailure(context.getSystem()));
    this.conversationId = conversationId;
    this.context = context;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.journalFailures = new JournalFailureReport(context.getSystem(), ENTITY_TYPE_KEY);
  }

  public static Behavior<Command> create(
      String conversationId, EntityDirectory directory, EngineSettings settings, Clock clock) {
    return Behaviors.setup(
        context -> new Conversation(conversationId, context, directory, settings, clock));
  }

  public static void init(
      ActorSystem<?> system, EntityDirectory directory, EngineSettings settings, Clock clock) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                ENTITY_TYPE_KEY,
                context -> create(context.getEntityId(), directory, settings, clock)));
  }

  @Override
  public State emptyState() {
    return new NotOpened();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
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
            (state, c) -> Effect().reply(c.replyTo(), StatusReply.success(view(state, c.viewer()))))
        .onCommand(GetMessages.class, this::onGetMessages);
    return builder.build();
  }

  private ReplyEffect<Event, State> onOpen(NotOpened state, Open open) {
    return Effect()
        .persist(new ConversationOpened(open.channelId(), open.visitor(), clock.instant()))
        .thenReply(open.replyTo(), after -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> onAssignOperator(Opened state, AssignOperator claim) {
    if (state.status().equals(WAITING)) {
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

  private ReplyEffect<Event, State> decline(AssignOperator claim, String reason) {
    if (claim.replyTo() != null) {
      claim.replyTo().tell(new Declined(reason));
    } else {
      directory.operator(claim.operatorId()).tell(new Operator.AssignmentDeclined(conversationId));
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<Event, State> onQueuePositionChanged(
      Opened state, QueuePositionChanged changed) {
    if (state.status().equals(WAITING)) {
      queuePosition = changed.position();
      publishStatus(state);
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<Event, State> onRenameOperator(Opened state, RenameOperator rename) {
    if (!rename.operatorId().equals(state.operatorId())
        || rename.displayName().equals(state.operatorDisplayName())) {
      return Effect().none().thenNoReply();
    }
    return Effect()
        .persist(new OperatorRenamed(rename.displayName()))
        .thenRun(after -> publishStatus((Opened) after))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onSendMessage(Opened state, SendMessage send) {
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
        send.clientMessageId() == null
            ? null
            : state.clientMessageIds().get(send.clientMessageId());
    if (earlier != null) {
      return Effect()
          .reply(send.replyTo(), StatusReply.success(new MessageAccepted(earlier, true)));
    }
    Instant now = clock.instant();
    if (send.from().isVisitor() && !visitorMaySend(now)) {
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

  private ReplyEffect<Event, State> onMarkSeen(Opened state, MarkSeen mark) {
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

  private ReplyEffect<Event, State> onClose(Opened state, Close close) {
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
    Instant now = clock.instant();
    Message notice =
        new Message(
            state.lastSeq() + 1, Author.system(), closer + " closed the conversation.", now, null);
    boolean waiting = state.status().equals(WAITING);
    return Effect()
        .persist(List.of(new MessageAdded(notice), new Closed(close.by().key(), now)))
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
                close.replyTo().tell(StatusReply.success(view((Opened) after, close.by())));
              } else {
                releaseOperator(state.operatorId(), close.by(), close.replyTo(), 1);
              }
            })
        .thenNoReply();
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

  private ReplyEffect<Event, State> onOperatorReleased(Opened state, OperatorReleased released) {
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

  private ReplyEffect<Event, State> onTransfer(Opened state, Transfer transfer) {
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

  private ReplyEffect<Event, State> onTransferAnswered(Opened state, TransferAnswered answered) {
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
              endSubscriptionsNoLongerAllowed((Opened) after);
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

  private ReplyEffect<Event, State> onRate(Opened state, Rate rate) {
    if (state.status().equals(WAITING)) {
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

  private ReplyEffect<Event, State> onTyping(Opened state, Typing typing) {
    if (mayTakePart(state, typing.by()) == null && !state.isClosed()) {
      Author author =
          typing.by().isVisitor()
              ? new Author("visitor", null, state.visitor().name())
              : new Author("operator", typing.by().operatorId(), state.operatorDisplayName());
      publish(new TypingStarted(conversationId, author));
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<Event, State> onSubscribe(Opened state, Subscribe subscribe) {
    ActorRef<Update> subscriber = subscribe.subscriber();
    if (!mayRead(state, subscribe.by())) {
      subscriber.tell(new SubscriptionEnded(conversationId));
      return unsubscribe(subscriber);
    }
    for (Message message : state.messages()) {
      if (message.seq() > subscribe.afterSeq()) {
        subscriber.tell(new MessagePosted(conversationId, message));
      }
    }
    subscriber.tell(statusOf(state));
    if (subscribers.put(subscriber, subscribe.by()) == null) {
      context.watchWith(subscriber, new SubscriberGone(subscriber));
    }
    return Effect().none().thenNoReply();
  }

  /** Its visitor, and the operator it is assigned to, read a conversation. */
  private static boolean mayRead(Opened state, Participant reader) {
    return reader.isVisitor() || reader.operatorId().equals(state.operatorId());
  }

  /** After a transfer: the operators who may no longer read it stop hearing of it. */
  private void endSubscriptionsNoLongerAllowed(Opened state) {
    List<ActorRef<Update>> ended =
        subscribers.entrySet().stream()
            .filter(entry -> !mayRead(state, entry.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    for (ActorRef<Update> subscriber : ended) {
      subscriber.tell(new SubscriptionEnded(conversationId));
      unsubscribe(subscriber);
    }
  }

  private ReplyEffect<Event, State> unsubscribe(ActorRef<Update> subscriber) {
    if (subscribers.remove(subscriber) != null) {
      context.unwatch(subscriber);
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<Event, State> onGetMessages(Opened state, GetMessages get) {
    int limit = Math.max(1, Math.min(get.limit(), MAX_PAGE));
    List<Message> page =
        state.messages().stream().filter(m -> m.seq() > get.afterSeq()).limit(limit).toList();
    return Effect().reply(get.replyTo(), StatusReply.success(new Messages(page)));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder
        .forStateType(NotOpened.class)
        .onEvent(
            ConversationOpened.class,
            (state, e) ->
                new Opened(
                    e.channelId(),
                    e.visitor(),
                    WAITING,
                    null,
                    null,
                    List.of(),
                    Map.of(),
                    Map.of(),
                    null,
                    null,
                    e.at()));
    builder
        .forStateType(Opened.class)
        .onEvent(
            OperatorAssigned.class,
            (state, e) -> state.with(ACTIVE, e.operatorId(), e.displayName()).at(e.at()))
        .onEvent(
            OperatorRenamed.class,
            (state, e) -> state.with(state.status(), state.operatorId(), e.displayName()))
        .onEvent(
            Transferred.class,
            (state, e) -> state.with(ACTIVE, e.toOperatorId(), e.displayName()).at(e.at()))
        .onEvent(
            Closed.class,
            (state, e) ->
                state.with(CLOSED, state.operatorId(), state.operatorDisplayName()).at(e.at()))
        .onEvent(
            MessageAdded.class,
            (state, e) -> {
              List<Message> messages = new ArrayList<>(state.messages());
              messages.add(e.message());
              Map<String, Long> clientMessageIds = state.clientMessageIds();
              if (e.message().clientMessageId() != null) {
                clientMessageIds = new HashMap<>(clientMessageIds);
                clientMessageIds.put(e.message().clientMessageId(), e.message().seq());
              }
              // a participant has seen what it writes
              Map<String, Long> seen = state.seen();
              if (!e.message().author().kind().equals("system")) {
                seen = new HashMap<>(seen);
                seen.merge(e.message().author().key(), e.message().seq(), Math::max);
              }
              return new Opened(
                  state.channelId(),
                  state.visitor(),
                  state.status(),
                  state.operatorId(),
                  state.operatorDisplayName(),
                  List.copyOf(messages),
                  Map.copyOf(clientMessageIds),
                  Map.copyOf(seen),
                  state.rating(),
                  state.ratingComment(),
                  e.message().at());
            })
        .onEvent(
            SeenMoved.class,
            (state, e) -> {
              Map<String, Long> seen = new HashMap<>(state.seen());
              seen.merge(e.participant(), e.seq(), Math::max);
              return new Opened(
                  state.channelId(),
                  state.visitor(),
                  state.status(),
                  state.operatorId(),
                  state.operatorDisplayName(),
                  state.messages(),
                  state.clientMessageIds(),
                  Map.copyOf(seen),
                  state.rating(),
                  state.ratingComment(),
                  state.lastActivityAt());
            })
        .onEvent(
            Rated.class,
            (state, e) ->
                new Opened(
                    state.channelId(),
                    state.visitor(),
                    state.status(),
                    state.operatorId(),
                    state.operatorDisplayName(),
                    state.messages(),
                    state.clientMessageIds(),
                    state.seen(),
                    e.value(),
                    e.comment(),
                    state.lastActivityAt()));
    return builder.build();
  }

  // ---------------------------------------------------------------- helpers

  /** Counts a visitor's message against its per-minute limit; false when over it. */
  private boolean visitorMaySend(Instant now) {
    Instant minuteAgo = now.minus(Duration.ofMinutes(1));
    while (!visitorSends.isEmpty() && !visitorSends.peekFirst().isAfter(minuteAgo)) {
      visitorSends.pollFirst();
    }
    if (visitorSends.size() >= settings.visitorMessagesPerMinute()) {
      return false;
    }
    visitorSends.addLast(now);
    return true;
  }

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
    for (ActorRef<Update> subscriber : subscribers.keySet()) {
      subscriber.tell(update);
    }
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
    long seen = viewer == null ? state.lastSeq() : state.seen().getOrDefault(viewer.key(), 0L);
    String viewerKey = viewer == null ? null : viewer.key();
    int unread =
        (int)
            state.messages().stream()
                .filter(
                    m ->
                        m.seq() > seen
                            && !m.author().kind().equals("system")
                            && !m.author().key().equals(viewerKey))
                .count();
    return new View(
        conversationId,
        state.channelId(),
        state.status(),
        state.visitor(),
        state.operatorId(),
        state.operatorDisplayName(),
        state.lastSeq(),
        state.status().equals(WAITING) ? queuePosition : null,
        state.messages().isEmpty() ? null : state.messages().get(state.messages().size() - 1),
        unread,
        state.seen(),
        state.rating(),
        state.ratingComment(),
        state.lastActivityAt());
  }

  private <T> ReplyEffect<Event, State> notFound(ActorRef<StatusReply<T>> replyTo) {
    return Effect()
        .reply(
            replyTo,
            StatusReply.error(
                Rejection.notFound(
                    "unknown_conversation", "There is no conversation with this id.")));
  }
}
