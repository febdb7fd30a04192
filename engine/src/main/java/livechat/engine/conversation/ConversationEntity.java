package livechat.engine.conversation;

import java.time.Clock;
import java.util.Set;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.EntityRuntime;
import livechat.engine.JournalFailureReport;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation.AssignOperator;
import livechat.engine.conversation.Conversation.CheckVisitorPresent;
import livechat.engine.conversation.Conversation.Close;
import livechat.engine.conversation.Conversation.Command;
import livechat.engine.conversation.Conversation.GetMessages;
import livechat.engine.conversation.Conversation.GetView;
import livechat.engine.conversation.Conversation.MarkSeen;
import livechat.engine.conversation.Conversation.Open;
import livechat.engine.conversation.Conversation.OperatorReleased;
import livechat.engine.conversation.Conversation.Prepare;
import livechat.engine.conversation.Conversation.QueuePositionChanged;
import livechat.engine.conversation.Conversation.Rate;
import livechat.engine.conversation.Conversation.RenameOperator;
import livechat.engine.conversation.Conversation.SendMessage;
import livechat.engine.conversation.Conversation.Subscribe;
import livechat.engine.conversation.Conversation.SubscriberGone;
import livechat.engine.conversation.Conversation.Transfer;
import livechat.engine.conversation.Conversation.TransferAnswered;
import livechat.engine.conversation.Conversation.Typing;
import livechat.engine.conversation.Conversation.Unsubscribe;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationState.NotOpened;
import livechat.engine.conversation.ConversationState.Opened;
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
 * The behaviour of a {@link Conversation}: routes each command, by the conversation's state, to its
 * {@link ConversationLifecycle} or its {@link ConversationMessaging}, which check it, store what
 * changes and tell its subscribers, its operator and its channel.
 */
final class ConversationEntity
    extends EventSourcedBehaviorWithEnforcedReplies<Command, ConversationEvent, ConversationState> {

  private static final RetentionCriteria RETENTION = RetentionCriteria.snapshotEvery(100, 2);

  private final EngineSettings settings;
  private final JournalFailureReport journalFailures;
  private final MessageTags messageTags;
  private final VisitorPresence visitorPresence;
  private final ConversationLifecycle lifecycle;
  private final ConversationMessaging messaging;

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
    this.settings = settings;
    this.journalFailures =
        new JournalFailureReport(context.getSystem(), Conversation.ENTITY_TYPE_KEY);
    this.messageTags = MessageTags.get(context.getSystem());
    Subscribers subscribers = new Subscribers(conversationId, context);
    ConversationViews views = new ConversationViews(conversationId, subscribers);
    this.visitorPresence = new VisitorPresence(timers, settings, clock, subscribers);
    ConversationEnvironment env =
        new ConversationEnvironment(conversationId, Effect(), context, directory, settings, clock);
    this.lifecycle = new ConversationLifecycle(env, subscribers, visitorPresence, views);
    this.messaging = new ConversationMessaging(env, subscribers, visitorPresence, views);
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
    return RETENTION;
  }

  @Override
  public SignalHandler<ConversationState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              if (state instanceof Opened opened && opened.isWaiting()) {
                visitorPresence.watch();
              }
            })
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .build();
  }

  /**
   * One method rather than the builder's cases: the builder makes some eighty objects for every
   * entity, and each waiting visitor's open socket keeps its conversation's entity awake.
   */
  @Override
  public CommandHandlerWithReply<Command, ConversationEvent, ConversationState> commandHandler() {
    return (state, command) ->
        state instanceof Opened opened
            ? whenOpened(opened, command)
            : beforeOpening((NotOpened) state, command);
  }

  private ReplyEffect<ConversationEvent, ConversationState> beforeOpening(
      NotOpened state, Command command) {
    if (command instanceof Open open) {
      return lifecycle.onOpen(state, open);
    } else if (command instanceof AssignOperator claim) {
      return lifecycle.decline(claim, "not_open");
    } else if (command instanceof SendMessage c) {
      return notFound(c.replyTo());
    } else if (command instanceof MarkSeen c) {
      return notFound(c.replyTo());
    } else if (command instanceof Close c) {
      return notFound(c.replyTo());
    } else if (command instanceof Transfer c) {
      return notFound(c.replyTo());
    } else if (command instanceof Rate c) {
      return notFound(c.replyTo());
    } else if (command instanceof GetView c) {
      return notFound(c.replyTo());
    } else if (command instanceof GetMessages c) {
      return notFound(c.replyTo());
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<ConversationEvent, ConversationState> whenOpened(
      Opened state, Command command) {
    if (command instanceof SendMessage c) {
      return messaging.onSendMessage(state, c);
    } else if (command instanceof MarkSeen c) {
      return messaging.onMarkSeen(state, c);
    } else if (command instanceof Typing c) {
      return messaging.onTyping(state, c);
    } else if (command instanceof Subscribe c) {
      return messaging.onSubscribe(state, c);
    } else if (command instanceof Unsubscribe c) {
      return messaging.unsubscribe(c.subscriber());
    } else if (command instanceof SubscriberGone c) {
      return messaging.unsubscribe(c.subscriber());
    } else if (command instanceof GetView c) {
      return messaging.onGetView(state, c);
    } else if (command instanceof GetMessages c) {
      return messaging.onGetMessages(state, c);
    } else if (command instanceof Open c) {
      return lifecycle.onOpenAgain(state, c);
    } else if (command instanceof AssignOperator c) {
      return lifecycle.onAssignOperator(state, c);
    } else if (command instanceof QueuePositionChanged c) {
      return lifecycle.onQueuePositionChanged(state, c);
    } else if (command instanceof RenameOperator c) {
      return lifecycle.onRenameOperator(state, c);
    } else if (command instanceof Close c) {
      return lifecycle.onClose(state, c);
    } else if (command instanceof OperatorReleased c) {
      return lifecycle.onOperatorReleased(state, c);
    } else if (command instanceof Transfer c) {
      return lifecycle.onTransfer(state, c);
    } else if (command instanceof TransferAnswered c) {
      return lifecycle.onTransferAnswered(state, c);
    } else if (command instanceof Rate c) {
      return lifecycle.onRate(state, c);
    } else if (command instanceof CheckVisitorPresent c) {
      return lifecycle.onCheckVisitorPresent(state, c);
    } else if (command instanceof Prepare) {
      return Effect().none().thenNoReply();
    }
    throw new IllegalArgumentException("Unhandled command " + command.getClass().getName());
  }

  /** One method rather than the builder's cases, as for {@link #commandHandler()}. */
  @Override
  public EventHandler<ConversationState, ConversationEvent> eventHandler() {
    int recentLimit = settings.recentMessages();
    return (state, event) -> {
      if (state instanceof Opened opened) {
        return opened.apply(event, recentLimit);
      } else if (event instanceof ConversationOpened opened) {
        return Opened.opened(opened);
      }
      throw new IllegalStateException(
          "Event " + event.getClass().getName() + " before the conversation opened");
    };
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
