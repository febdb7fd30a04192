package livechat.engine.conversation;

import static livechat.engine.conversation.Conversation.ACTIVE;
import static livechat.engine.conversation.Participation.closed;
import static livechat.engine.conversation.Participation.mayRead;
import static livechat.engine.conversation.Participation.mayTakePart;

import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import livechat.engine.EngineObserver;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation.AssignOperator;
import livechat.engine.conversation.Conversation.Assigned;
import livechat.engine.conversation.Conversation.Author;
import livechat.engine.conversation.Conversation.CheckVisitorPresent;
import livechat.engine.conversation.Conversation.Close;
import livechat.engine.conversation.Conversation.Declined;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.MessagePosted;
import livechat.engine.conversation.Conversation.Open;
import livechat.engine.conversation.Conversation.OperatorReleased;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.Conversation.QueuePositionChanged;
import livechat.engine.conversation.Conversation.Rate;
import livechat.engine.conversation.Conversation.RenameOperator;
import livechat.engine.conversation.Conversation.Transfer;
import livechat.engine.conversation.Conversation.TransferAnswered;
import livechat.engine.conversation.Conversation.View;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationEvent.OperatorAssigned;
import livechat.engine.conversation.ConversationEvent.OperatorRenamed;
import livechat.engine.conversation.ConversationEvent.Rated;
import livechat.engine.conversation.ConversationEvent.Transferred;
import livechat.engine.conversation.ConversationState.NotOpened;
import livechat.engine.conversation.ConversationState.Opened;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * A conversation's course from opening to rating: an operator taking it from the queue, its
 * operator renamed or transferred, closing it (by a participant, or by itself when a waiting
 * visitor leaves) and freeing the operator's slot, and the visitor's rating.
 */
final class ConversationLifecycle {

  private final ConversationEnvironment env;
  private final Subscribers subscribers;
  private final VisitorPresence visitorPresence;
  private final ConversationViews views;

  ConversationLifecycle(
      ConversationEnvironment env,
      Subscribers subscribers,
      VisitorPresence visitorPresence,
      ConversationViews views) {
    this.env = env;
    this.subscribers = subscribers;
    this.visitorPresence = visitorPresence;
    this.views = views;
  }

  ReplyEffect<ConversationEvent, ConversationState> onOpen(NotOpened state, Open open) {
    Instant now = env.clock().instant();
    ConversationOpened opened = new ConversationOpened(open.channelId(), open.visitor(), now);
    if (open.operatorId() == null) {
      return env.effects()
          .persist(opened)
          .thenRun(after -> visitorPresence.watch())
          .thenReply(open.replyTo(), after -> StatusReply.ack());
    }
    return env.effects()
        .persist(
            List.of(
                opened, new OperatorAssigned(open.operatorId(), open.operatorDisplayName(), now)))
        .thenRun(after -> confirmAssignment(open.operatorId()))
        .thenReply(open.replyTo(), after -> StatusReply.ack());
  }

  /** The same opening again changes nothing; opening it with another operator is refused. */
  ReplyEffect<ConversationEvent, ConversationState> onOpenAgain(Opened state, Open open) {
    if (open.operatorId() == null) {
      return env.effects().reply(open.replyTo(), StatusReply.ack());
    }
    if (open.operatorId().equals(state.operatorId())) {
      confirmAssignment(open.operatorId());
      return env.effects().reply(open.replyTo(), StatusReply.ack());
    }
    return env.effects()
        .reply(
            open.replyTo(),
            StatusReply.error(
                Rejection.conflict(
                    "assigned_to_another_operator",
                    "The conversation is open already, without this operator.")));
  }

  private void confirmAssignment(String operatorId) {
    env.directory()
        .operator(operatorId)
        .tell(new Operator.AssignmentConfirmed(env.conversationId()));
  }

  ReplyEffect<ConversationEvent, ConversationState> onAssignOperator(
      Opened state, AssignOperator claim) {
    if (state.isWaiting()) {
      return env.effects()
          .persist(
              new OperatorAssigned(claim.operatorId(), claim.displayName(), env.clock().instant()))
          .thenRun(
              after -> {
                views.queuePosition(null);
                confirmAssignment(claim.operatorId());
                views.publishStatus((Opened) after);
                if (claim.replyTo() != null) {
                  claim.replyTo().tell(new Assigned());
                }
              })
          .thenNoReply();
    }
    if (state.status().equals(ACTIVE) && claim.operatorId().equals(state.operatorId())) {
      confirmAssignment(claim.operatorId());
      if (claim.replyTo() != null) {
        claim.replyTo().tell(new Assigned());
      }
      return env.effects().none().thenNoReply();
    }
    return decline(claim, state.isClosed() ? "closed" : "assigned_to_another_operator");
  }

  ReplyEffect<ConversationEvent, ConversationState> decline(AssignOperator claim, String reason) {
    if (claim.replyTo() != null) {
      claim.replyTo().tell(new Declined(reason));
    } else {
      env.directory()
          .operator(claim.operatorId())
          .tell(new Operator.AssignmentDeclined(env.conversationId()));
    }
    return env.effects().none().thenNoReply();
  }

  /** A waiting conversation whose visitor has been gone past the timeout closes itself. */
  ReplyEffect<ConversationEvent, ConversationState> onCheckVisitorPresent(
      Opened state, CheckVisitorPresent check) {
    if (!visitorPresence.leftWhileWaiting(state)) {
      return env.effects().none().thenNoReply();
    }
    return closeWithNotice(
        state, "system", state.visitor().name() + " left before an operator joined.", after -> {});
  }

  ReplyEffect<ConversationEvent, ConversationState> onQueuePositionChanged(
      Opened state, QueuePositionChanged changed) {
    if (state.isWaiting()) {
      views.queuePosition(changed.position());
      views.publishStatus(state);
    }
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<ConversationEvent, ConversationState> onRenameOperator(
      Opened state, RenameOperator rename) {
    if (!rename.operatorId().equals(state.operatorId())
        || rename.displayName().equals(state.operatorDisplayName())) {
      return env.effects().none().thenNoReply();
    }
    return env.effects()
        .persist(new OperatorRenamed(rename.displayName()))
        .thenRun(after -> views.publishStatus((Opened) after))
        .thenNoReply();
  }

  ReplyEffect<ConversationEvent, ConversationState> onClose(Opened state, Close close) {
    Rejection problem = mayTakePart(state, close.by());
    if (problem != null) {
      return env.effects().reply(close.replyTo(), StatusReply.error(problem));
    }
    if (state.isClosed()) {
      if (state.operatorId() != null) {
        releaseOperator(state.operatorId(), close.by(), close.replyTo(), 1);
        return env.effects().none().thenNoReply();
      }
      return env.effects()
          .reply(close.replyTo(), StatusReply.success(views.view(state, close.by())));
    }
    String closer = close.by().isVisitor() ? state.visitor().name() : state.operatorDisplayName();
    boolean waiting = state.isWaiting();
    return closeWithNotice(
        state,
        close.by().key(),
        closer + " closed the conversation.",
        after -> {
          if (waiting) {
            close.replyTo().tell(StatusReply.success(views.view(after, close.by())));
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
    Instant now = env.clock().instant();
    Message notice = new Message(state.lastSeq() + 1, Author.system(), noticeText, now, null);
    boolean waiting = state.isWaiting();
    return env.effects()
        .persist(List.of(new MessageAdded(notice), closedEvent(state, by, now, notice)))
        .thenRun(
            after -> {
              views.queuePosition(null);
              EngineObserver.of(env.context().getSystem()).conversationClosed(state.channelId());
              subscribers.publish(new MessagePosted(env.conversationId(), notice));
              views.publishStatus((Opened) after);
              if (waiting) {
                env.directory()
                    .channel(state.channelId())
                    .tell(
                        new Channel.LeaveQueue(
                            env.conversationId(), env.context().getSystem().ignoreRef()));
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
    env.context()
        .askWithStatus(
            Done.class,
            env.directory().operator(operatorId),
            env.settings().askTimeout(),
            ask -> new Operator.ReleaseConversation(env.conversationId(), ask),
            (done, failure) -> new OperatorReleased(operatorId, by, replyTo, attempt, failure));
  }

  ReplyEffect<ConversationEvent, ConversationState> onOperatorReleased(
      Opened state, OperatorReleased released) {
    if (released.failure() == null) {
      return env.effects()
          .reply(released.replyTo(), StatusReply.success(views.view(state, released.by())));
    }
    if (released.attempt() < 3) {
      releaseOperator(
          released.operatorId(), released.by(), released.replyTo(), released.attempt() + 1);
      return env.effects().none().thenNoReply();
    }
    return env.effects()
        .reply(
            released.replyTo(),
            StatusReply.error(
                Rejection.conflict(
                    "release_pending",
                    "The operator's slot is not freed yet; repeat the request to retry.")));
  }

  ReplyEffect<ConversationEvent, ConversationState> onTransfer(Opened state, Transfer transfer) {
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
      return env.effects().reply(transfer.replyTo(), StatusReply.error(problem));
    }
    String from = state.operatorId();
    env.context()
        .ask(
            Operator.OfferAnswer.class,
            env.directory().operator(transfer.toOperatorId()),
            env.settings().offerTimeout(),
            replyTo -> new Operator.Offer(env.conversationId(), state.channelId(), replyTo),
            (answer, failure) ->
                new TransferAnswered(
                    transfer.by(), from, transfer.toOperatorId(), answer, transfer.replyTo()));
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<ConversationEvent, ConversationState> onTransferAnswered(
      Opened state, TransferAnswered answered) {
    if (!(answered.answer() instanceof Operator.OfferAccepted accepted)) {
      return env.effects().reply(answered.replyTo(), StatusReply.error(transferRefusal(answered)));
    }
    if (!state.status().equals(ACTIVE) || !answered.fromOperatorId().equals(state.operatorId())) {
      env.directory()
          .operator(answered.toOperatorId())
          .tell(new Operator.AssignmentDeclined(env.conversationId()));
      return env.effects()
          .reply(
              answered.replyTo(),
              StatusReply.error(
                  Rejection.conflict(
                      "conversation_changed", "The conversation changed during the transfer.")));
    }
    Instant now = env.clock().instant();
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
    return env.effects()
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
              confirmAssignment(answered.toOperatorId());
              subscribers.publish(new MessagePosted(env.conversationId(), notice));
              views.publishStatus((Opened) after);
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

  ReplyEffect<ConversationEvent, ConversationState> onRate(Opened state, Rate rate) {
    if (state.isWaiting()) {
      return env.effects()
          .reply(
              rate.replyTo(),
              StatusReply.error(
                  Rejection.conflict(
                      "not_rateable_yet", "A conversation can be rated once an operator joined.")));
    }
    if (rate.value() != 1 && rate.value() != 3 && rate.value() != 5) {
      return env.effects()
          .reply(
              rate.replyTo(),
              StatusReply.error(Rejection.invalid("invalid_rating", "A rating is 1, 3 or 5.")));
    }
    String comment =
        rate.comment() == null || rate.comment().isBlank() ? null : rate.comment().strip();
    return env.effects()
        .persist(new Rated(rate.value(), comment, env.clock().instant()))
        .thenRun(after -> views.publishStatus((Opened) after))
        .thenReply(rate.replyTo(), after -> StatusReply.ack());
  }
}
