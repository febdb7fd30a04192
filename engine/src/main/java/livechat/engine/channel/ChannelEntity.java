package livechat.engine.channel;

import static livechat.engine.channel.Channel.POSITION_UPDATE_DELAY;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import livechat.engine.EngineObserver;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.EntityRuntime;
import livechat.engine.JournalFailureReport;
import livechat.engine.Rejection;
import livechat.engine.Router;
import livechat.engine.channel.Channel.Command;
import livechat.engine.channel.Channel.ConversationOpened;
import livechat.engine.channel.Channel.Create;
import livechat.engine.channel.Channel.DrainQueue;
import livechat.engine.channel.Channel.GetSummary;
import livechat.engine.channel.Channel.LeaveQueue;
import livechat.engine.channel.Channel.OfferAnswered;
import livechat.engine.channel.Channel.RemoveMember;
import livechat.engine.channel.Channel.StartConversation;
import livechat.engine.channel.Channel.Started;
import livechat.engine.channel.Channel.Summary;
import livechat.engine.channel.Channel.TellPositions;
import livechat.engine.channel.Channel.UpdateMember;
import livechat.engine.channel.Channel.WritePending;
import livechat.engine.channel.ChannelEvent.ConversationAssigned;
import livechat.engine.channel.ChannelEvent.ConversationLeftQueue;
import livechat.engine.channel.ChannelEvent.ConversationQueued;
import livechat.engine.channel.ChannelEvent.Created;
import livechat.engine.channel.ChannelEvent.MemberRemoved;
import livechat.engine.channel.ChannelEvent.MemberUpdated;
import livechat.engine.channel.ChannelState.NoChannel;
import livechat.engine.channel.ChannelState.Open;
import livechat.engine.channel.ChannelState.Waiting;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.PostStop;
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
 * The behaviour of a {@link Channel}: routes its queue, stores what changes in batches, and tells
 * waiting conversations their positions.
 */
final class ChannelEntity
    extends EventSourcedBehaviorWithEnforcedReplies<Command, ChannelEvent, ChannelState> {

  // ---------------------------------------------------------------- behaviour

  private final String channelId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final EntityDirectory directory;
  private final EngineSettings settings;
  private final Clock clock;
  private final JournalFailureReport journalFailures;
  private final Router router;

  private OffersInFlight offers = new OffersInFlight();

  /** Accepted conversations whose assignment is not stored yet. */
  private final Set<String> assigning = new HashSet<>();

  /** Events to store in the next write, and what to do once they are. */
  private final List<ChannelEvent> unwritten = new ArrayList<>();

  private final List<Consumer<Open>> afterWrite = new ArrayList<>();
  private boolean writeScheduled;

  /** Conversations opened whose place in the queue is not stored yet. */
  private int unwrittenQueued;

  private boolean drainScheduled;

  /** Visitor numbers handed out to conversations not yet queued. */
  private int nextVisitorNumber = -1;

  /**
   * The first queue index whose position changed since the waiting conversations were last told, or
   * {@link Integer#MAX_VALUE} when they all know.
   */
  private int positionsChangedFrom = Integer.MAX_VALUE;

  /** Starters waiting to hear what became of their conversation. */
  private final Map<String, ActorRef<StatusReply<Started>>> starters = new HashMap<>();

  ChannelEntity(
      String channelId,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock) {
    super(
        PersistenceId.of(Channel.ENTITY_TYPE_KEY.name(), channelId),
        EntityRuntime.restartOnJournalFailure(context.getSystem()));
    this.channelId = channelId;
    this.context = context;
    this.timers = timers;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.journalFailures = new JournalFailureReport(context.getSystem(), Channel.ENTITY_TYPE_KEY);
    this.router = new Router(settings.languageLoadTolerance());
  }

  @Override
  public ChannelState emptyState() {
    return new NoChannel();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(500, 2);
  }

  @Override
  public SignalHandler<ChannelState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              forgetUnwritten();
              observer()
                  .queueLength(channelId, state instanceof Open open ? open.queue().size() : 0);
              if (state instanceof Open open && !open.queue().isEmpty()) {
                tellPositions(open, 0);
                drainSoon();
              }
            })
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .onSignal(PostStop.instance(), state -> observer().queueLength(channelId, 0))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, ChannelEvent, ChannelState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(NoChannel.class)
        .onCommand(Create.class, this::onCreate)
        .onCommand(GetSummary.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(StartConversation.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(UpdateMember.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(LeaveQueue.class, (state, c) -> notFound(c.replyTo()))
        .onAnyCommand(command -> Effect().none().thenNoReply());
    builder
        .forStateType(Open.class)
        .onCommand(
            Create.class,
            (state, c) ->
                Effect()
                    .reply(
                        c.replyTo(),
                        StatusReply.error(
                            Rejection.conflict("channel_exists", "This channel already exists."))))
        .onCommand(
            GetSummary.class,
            (state, c) -> Effect().reply(c.replyTo(), StatusReply.success(summary(state))))
        .onCommand(StartConversation.class, this::onStartConversation)
        .onCommand(ConversationOpened.class, this::onConversationOpened)
        .onCommand(UpdateMember.class, this::onUpdateMember)
        .onCommand(RemoveMember.class, this::onRemoveMember)
        .onCommand(LeaveQueue.class, this::onLeaveQueue)
        .onCommand(DrainQueue.class, (state, c) -> drain(state))
        .onCommand(WritePending.class, this::onWritePending)
        .onCommand(TellPositions.class, this::onTellPositions)
        .onCommand(OfferAnswered.class, this::onOfferAnswered);
    return builder.build();
  }

  private ReplyEffect<ChannelEvent, ChannelState> onCreate(NoChannel state, Create command) {
    if (command.name() == null || command.name().isBlank()) {
      return Effect()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.invalid("invalid_channel", "The channel name must not be empty.")));
    }
    return Effect()
        .persist(new Created(command.name().trim(), clock.instant()))
        .thenReply(command.replyTo(), after -> StatusReply.success(summary((Open) after)));
  }

  private ReplyEffect<ChannelEvent, ChannelState> onStartConversation(
      Open state, StartConversation command) {
    if (state.queue().size() + unwrittenQueued >= settings.maxQueueLength()) {
      return Effect()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.rateLimited(
                      "queue_full",
                      "Too many visitors are waiting in this channel; try again later.")));
    }
    if (nextVisitorNumber < state.nextVisitorNumber()) {
      nextVisitorNumber = state.nextVisitorNumber();
    }
    int visitorNumber = nextVisitorNumber++;
    String visitorName =
        command.visitorName() == null || command.visitorName().isBlank()
            ? "Visitor #" + visitorNumber
            : command.visitorName().trim();
    context.askWithStatus(
        Done.class,
        directory.conversation(command.conversationId()),
        settings.askTimeout(),
        replyTo ->
            new Conversation.Open(
                channelId,
                new Conversation.Visitor(visitorName, command.language(), command.pageUrl()),
                replyTo),
        (done, failure) ->
            new ConversationOpened(
                command.conversationId(),
                visitorNumber,
                command.language(),
                command.replyTo(),
                failure,
                clock.instant()));
    return Effect().none().thenNoReply();
  }

  /**
   * Queues the new conversation. Its starter hears what became of it after the first routing
   * attempt: assigned, or waiting at its position.
   */
  private ReplyEffect<ChannelEvent, ChannelState> onConversationOpened(
      Open state, ConversationOpened opened) {
    if (opened.failure() != null) {
      return Effect().reply(opened.replyTo(), StatusReply.error(opened.failure()));
    }
    unwrittenQueued++;
    return writeSoon(
        List.of(
            new ConversationQueued(
                opened.conversationId(),
                opened.language(),
                opened.visitorNumber(),
                clock.instant(),
                opened.startedAt())),
        queued -> {
          unwrittenQueued--;
          observer().conversationStarted(channelId);
          observer().queueLength(channelId, queued.queue().size());
          starters.put(opened.conversationId(), opened.replyTo());
          directory
              .conversation(opened.conversationId())
              .tell(
                  new Conversation.QueuePositionChanged(queued.position(opened.conversationId())));
          drainSoon();
        });
  }

  private ReplyEffect<ChannelEvent, ChannelState> onUpdateMember(Open state, UpdateMember update) {
    if (update.view().hasRoom()) {
      // a refusal from before this update no longer holds
      offers.hasRoomAgain(update.view().operatorId());
    }
    Router.Candidate known = state.members().get(update.view().operatorId());
    List<ChannelEvent> events =
        known != null && known.view().equals(update.view())
            ? List.of()
            : List.of(new MemberUpdated(update.view(), clock.instant()));
    var effect = Effect().persist(events).thenRun(after -> drainSoon());
    return update.replyTo() == null
        ? effect.thenNoReply()
        : effect.thenReply(update.replyTo(), after -> StatusReply.success(summary((Open) after)));
  }

  private ReplyEffect<ChannelEvent, ChannelState> onRemoveMember(Open state, RemoveMember remove) {
    if (!state.members().containsKey(remove.operatorId())) {
      return Effect().none().thenNoReply();
    }
    return Effect()
        .persist(new MemberRemoved(remove.operatorId(), remove.reason(), clock.instant()))
        .thenNoReply();
  }

  private ReplyEffect<ChannelEvent, ChannelState> onLeaveQueue(Open state, LeaveQueue leave) {
    int position = state.position(leave.conversationId());
    if (position == 0) {
      return Effect().reply(leave.replyTo(), StatusReply.ack());
    }
    return Effect()
        .persist(new ConversationLeftQueue(leave.conversationId(), clock.instant()))
        .thenRun(
            after -> {
              observer().queueLength(channelId, ((Open) after).queue().size());
              positionsChanged(position - 1);
            })
        .thenReply(leave.replyTo(), after -> StatusReply.ack());
  }

  // ---------------------------------------------------------------- draining the queue

  private void drainSoon() {
    if (!drainScheduled) {
      drainScheduled = true;
      context.getSelf().tell(new DrainQueue());
    }
  }

  /**
   * Offers waiting conversations, in queue order, each to the best member that has room counting
   * the offers already out, until the offers in flight reach their maximum or nobody has room. The
   * starters of conversations left without an offer hear that they wait.
   */
  private ReplyEffect<ChannelEvent, ChannelState> drain(Open state) {
    drainScheduled = false;
    List<Waiting> queue = state.queue();
    int index = 0;
    for (; index < queue.size(); index++) {
      Waiting waiting = queue.get(index);
      if (offers.isOffered(waiting.conversationId())
          || assigning.contains(waiting.conversationId())) {
        continue;
      }
      if (offers.size() >= settings.maxOffersInFlight()) {
        break;
      }
      Optional<Router.Candidate> best =
          router.best(offers.candidates(state.members().values()), waiting.language());
      if (best.isEmpty()) {
        offers.forgetRefusals();
        break;
      }
      offer(waiting.conversationId(), best.get().view().operatorId());
    }
    answerWaitingStarters(state, index);
    return Effect().none().thenNoReply();
  }

  private void offer(String conversationId, String operatorId) {
    offers.offer(conversationId, operatorId, clock.instant());
    context.ask(
        Operator.OfferAnswer.class,
        directory.operator(operatorId),
        settings.offerTimeout(),
        replyTo -> new Operator.Offer(conversationId, channelId, replyTo),
        (answer, failure) -> new OfferAnswered(conversationId, operatorId, answer));
  }

  private ReplyEffect<ChannelEvent, ChannelState> onOfferAnswered(
      Open state, OfferAnswered answered) {
    List<OffersInFlight.Answered> due =
        offers.answer(answered.conversationId(), answered.operatorId(), answered.answer());
    if (due.isEmpty()) {
      return Effect().none().thenNoReply();
    }
    Instant now = clock.instant();
    List<ChannelEvent> events = new ArrayList<>();
    List<Consumer<Open>> then = new ArrayList<>();
    for (OffersInFlight.Answered answer : due) {
      String operatorId = answer.operatorId();
      if (answer.answer() instanceof Operator.OfferAccepted accepted) {
        String conversationId = answer.conversationId();
        int position = state.position(conversationId);
        Waiting waiting = position > 0 ? state.queue().get(position - 1) : null;
        assigning.add(conversationId);
        events.add(new MemberUpdated(accepted.view(), now));
        events.add(new ConversationAssigned(conversationId, operatorId, now));
        then.add(
            after -> {
              assigning.remove(conversationId);
              if (waiting != null) {
                observeAssignment(waiting, after, now);
                positionsChanged(position - 1);
              }
              assign(conversationId, operatorId, accepted.displayName());
            });
      } else {
        offers.refused(operatorId);
        if (answer.answer() instanceof Operator.OfferRefused refused) {
          if (refused.view() != null) {
            events.add(new MemberUpdated(refused.view(), now));
          } else if (state.members().containsKey(operatorId)) {
            events.add(new MemberRemoved(operatorId, refused.reason().name(), now));
          }
        }
      }
      then.add(after -> offers.stored(operatorId));
    }
    return writeSoon(
        events,
        after -> {
          then.forEach(action -> action.accept(after));
          drainSoon();
        });
  }

  // ---------------------------------------------------------------- writing in batches

  /**
   * After a restart (a journal failure), what was kept in memory alongside the stored state is gone
   * or stale: the timers were cancelled, a write may not have happened and offers may be answered
   * to nobody. Starters of conversations not stored hear nothing and time out.
   */
  private void forgetUnwritten() {
    unwritten.clear();
    afterWrite.clear();
    writeScheduled = false;
    unwrittenQueued = 0;
    drainScheduled = false;
    assigning.clear();
    offers = new OffersInFlight();
    positionsChangedFrom = Integer.MAX_VALUE;
  }

  /**
   * Stores the events with the next write, then runs {@code then}. While a write is under way the
   * channel's commands wait, so what they add meanwhile goes out together in one write.
   */
  private ReplyEffect<ChannelEvent, ChannelState> writeSoon(
      List<ChannelEvent> events, Consumer<Open> then) {
    unwritten.addAll(events);
    afterWrite.add(then);
    if (!writeScheduled) {
      writeScheduled = true;
      context.getSelf().tell(new WritePending());
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<ChannelEvent, ChannelState> onWritePending(Open state, WritePending write) {
    writeScheduled = false;
    List<ChannelEvent> events = List.copyOf(unwritten);
    List<Consumer<Open>> then = List.copyOf(afterWrite);
    unwritten.clear();
    afterWrite.clear();
    return Effect()
        .persist(events)
        .thenRun(after -> then.forEach(action -> action.accept((Open) after)))
        .thenNoReply();
  }

  /** Tells the conversation its operator, and its starter, if waiting, what became of it. */
  private void assign(String conversationId, String operatorId, String displayName) {
    directory
        .conversation(conversationId)
        .tell(new Conversation.AssignOperator(operatorId, displayName, channelId, null));
    ActorRef<StatusReply<Started>> starter = starters.remove(conversationId);
    if (starter != null) {
      starter.tell(StatusReply.success(new Started(conversationId, "active", displayName, null)));
    }
  }

  /** Starters of conversations from this queue index on without an offer learn that they wait. */
  private void answerWaitingStarters(Open state, int fromIndex) {
    if (starters.isEmpty()) {
      return;
    }
    for (int i = fromIndex; i < state.queue().size(); i++) {
      String conversationId = state.queue().get(i).conversationId();
      if (offers.isOffered(conversationId) || assigning.contains(conversationId)) {
        continue;
      }
      ActorRef<StatusReply<Started>> starter = starters.remove(conversationId);
      if (starter != null) {
        starter.tell(StatusReply.success(new Started(conversationId, "waiting", null, i + 1)));
      }
    }
  }

  /**
   * Positions changed from this queue index on. The waiting conversations are told once, a moment
   * later ({@link #POSITION_UPDATE_DELAY}), so that a burst of assignments sends each waiting
   * conversation one update rather than one per conversation ahead of it.
   */
  private void positionsChanged(int fromIndex) {
    if (positionsChangedFrom == Integer.MAX_VALUE) {
      timers.startSingleTimer(new TellPositions(), POSITION_UPDATE_DELAY);
    }
    positionsChangedFrom = Math.min(positionsChangedFrom, fromIndex);
  }

  private ReplyEffect<ChannelEvent, ChannelState> onTellPositions(Open state, TellPositions tell) {
    tellPositions(state, positionsChangedFrom);
    positionsChangedFrom = Integer.MAX_VALUE;
    return Effect().none().thenNoReply();
  }

  /** Tells each queued conversation from the index on its new position. */
  private void tellPositions(Open state, int fromIndex) {
    for (int i = Math.max(fromIndex, 0); i < state.queue().size(); i++) {
      directory
          .conversation(state.queue().get(i).conversationId())
          .tell(new Conversation.QueuePositionChanged(i + 1));
    }
  }

  @Override
  public EventHandler<ChannelState, ChannelEvent> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder
        .forStateType(NoChannel.class)
        .onEvent(Created.class, (state, e) -> new Open(e.name(), Map.of(), List.of(), 1, 0));
    builder
        .forStateType(Open.class)
        .onEvent(
            ConversationQueued.class,
            (state, e) -> {
              List<Waiting> queue = new ArrayList<>(state.queue());
              queue.add(
                  new Waiting(
                      e.conversationId(),
                      e.language(),
                      e.startedAt() == null ? e.at() : e.startedAt(),
                      e.at()));
              return state.withQueue(
                  queue, Math.max(state.nextVisitorNumber(), e.visitorNumber() + 1));
            })
        .onEvent(
            ConversationAssigned.class,
            (state, e) -> {
              Map<String, Router.Candidate> members = new LinkedHashMap<>(state.members());
              Router.Candidate member = members.get(e.operatorId());
              if (member != null) {
                members.put(
                    e.operatorId(),
                    new Router.Candidate(member.view(), member.joinOrder(), e.at()));
              }
              return state
                  .withMembers(members, state.nextJoinOrder())
                  .withQueue(
                      withoutConversation(state.queue(), e.conversationId()),
                      state.nextVisitorNumber());
            })
        .onEvent(
            ConversationLeftQueue.class,
            (state, e) ->
                state.withQueue(
                    withoutConversation(state.queue(), e.conversationId()),
                    state.nextVisitorNumber()))
        .onEvent(
            MemberUpdated.class,
            (state, e) -> {
              Map<String, Router.Candidate> members = new LinkedHashMap<>(state.members());
              Router.Candidate known = members.get(e.view().operatorId());
              if (known != null && e.view().olderThan(known.view())) {
                // heard out of order: the view stored already is the later one
                return state;
              }
              long joinOrder = state.nextJoinOrder();
              if (known == null) {
                members.put(
                    e.view().operatorId(), new Router.Candidate(e.view(), joinOrder++, null));
              } else {
                members.put(
                    e.view().operatorId(),
                    new Router.Candidate(e.view(), known.joinOrder(), known.lastAssignedAt()));
              }
              return state.withMembers(members, joinOrder);
            })
        .onEvent(
            MemberRemoved.class,
            (state, e) -> {
              Map<String, Router.Candidate> members = new LinkedHashMap<>(state.members());
              members.remove(e.operatorId());
              return state.withMembers(members, state.nextJoinOrder());
            });
    return builder.build();
  }

  private EngineObserver observer() {
    return EngineObserver.of(context.getSystem());
  }

  private void observeAssignment(Waiting assigned, Open after, Instant now) {
    if (assigned.queuedAt() != null) {
      observer()
          .conversationAssigned(
              channelId,
              Duration.between(assigned.startedAt(), now),
              Duration.between(assigned.queuedAt(), now));
    }
    observer().queueLength(channelId, after.queue().size());
  }

  private static List<Waiting> withoutConversation(List<Waiting> queue, String conversationId) {
    return queue.stream()
        .filter(waiting -> !waiting.conversationId().equals(conversationId))
        .toList();
  }

  private Summary summary(Open state) {
    return new Summary(
        channelId,
        state.name(),
        List.copyOf(state.members().keySet()),
        state.queue().stream().map(Waiting::conversationId).toList(),
        (int)
            state.members().values().stream()
                .filter(candidate -> candidate.view().hasRoom())
                .count());
  }

  private <T> ReplyEffect<ChannelEvent, ChannelState> notFound(ActorRef<StatusReply<T>> replyTo) {
    if (replyTo == null) {
      return Effect().none().thenNoReply();
    }
    return Effect()
        .reply(
            replyTo,
            StatusReply.error(
                Rejection.notFound("unknown_channel", "There is no channel with this id.")));
  }
}
