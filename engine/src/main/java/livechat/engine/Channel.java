package livechat.engine;

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
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
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
 * A channel: its members with the router's view of each, and the FIFO queue of conversations
 * waiting for an operator.
 *
 * <p>New conversations join the tail of the queue. The channel drains the queue from its head, one
 * conversation at a time: it ranks the members with the {@link Router}, offers the conversation to
 * the best, and on refusal to the next. When nobody accepts, the head waits, and so does everyone
 * behind it. A member's freed slot, a join or a raised capacity (any {@link UpdateMember}) drains
 * again. Waiting conversations are told their position when it changes, coalesced over {@link
 * #POSITION_UPDATE_DELAY}.
 */
public final class Channel
    extends EventSourcedBehaviorWithEnforcedReplies<Channel.Command, Channel.Event, Channel.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Channel");

  static final Duration POSITION_UPDATE_DELAY = Duration.ofMillis(200);

  // ---------------------------------------------------------------- protocol

  public sealed interface Command extends CborSerializable {}

  public record Create(String name, ActorRef<StatusReply<Summary>> replyTo) implements Command {}

  public record GetSummary(ActorRef<StatusReply<Summary>> replyTo) implements Command {}

  /** A visitor arrives: open the conversation, queue it and route it. */
  public record StartConversation(
      String conversationId,
      String visitorName,
      String language,
      String pageUrl,
      ActorRef<StatusReply<Started>> replyTo)
      implements Command {}

  /** A member joined or its load or languages changed; {@code replyTo} may be null. */
  public record UpdateMember(MemberView view, ActorRef<StatusReply<Summary>> replyTo)
      implements Command {}

  /** A member left or was disconnected. */
  public record RemoveMember(String operatorId, String reason) implements Command {}

  /** A waiting conversation was closed: it leaves the queue. */
  public record LeaveQueue(String conversationId, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  record ConversationOpened(
      String conversationId,
      int visitorNumber,
      String language,
      ActorRef<StatusReply<Started>> replyTo,
      Throwable failure,
      Instant startedAt)
      implements Command {}

  record OfferAnswered(String conversationId, String operatorId, Operator.OfferAnswer answer)
      implements Command {}

  record DrainQueue() implements Command {}

  /** Time to tell the waiting conversations their new positions. */
  record TellPositions() implements Command {}

  /**
   * {@code members} are operator ids in joining order; {@code queue} conversation ids, head first;
   * {@code membersWithRoom} counts the members below their capacity, as the channel last heard.
   */
  public record Summary(
      String id, String name, List<String> members, List<String> queue, int membersWithRoom)
      implements CborSerializable {
    public int waiting() {
      return queue.size();
    }

    /** Someone can take a new conversation now. */
    public boolean available() {
      return membersWithRoom > 0;
    }
  }

  /**
   * What became of a new conversation: {@code operatorDisplayName} when an operator took it,
   * otherwise its 1-based {@code queuePosition}.
   */
  public record Started(
      String conversationId, String status, String operatorDisplayName, Integer queuePosition)
      implements CborSerializable {}

  // ---------------------------------------------------------------- events

  public sealed interface Event extends CborSerializable {}

  public record Created(String name, Instant at) implements Event {}

  /** {@code startedAt}: when the visitor started the conversation (null in older events). */
  public record ConversationQueued(
      String conversationId, String language, int visitorNumber, Instant at, Instant startedAt)
      implements Event {}

  public record ConversationAssigned(String conversationId, String operatorId, Instant at)
      implements Event {}

  public record ConversationLeftQueue(String conversationId, Instant at) implements Event {}

  public record MemberUpdated(MemberView view, Instant at) implements Event {}

  public record MemberRemoved(String operatorId, String reason, Instant at) implements Event {}

  // ---------------------------------------------------------------- state

  public sealed interface State extends CborSerializable {}

  public record NoChannel() implements State {}

  /** {@code startedAt} and {@code queuedAt} are null in states older than them. */
  public record Waiting(String conversationId, String language, Instant startedAt, Instant queuedAt)
      implements CborSerializable {}

  /** Members by operator id in joining order; the queue head first. */
  public record Open(
      String name,
      Map<String, Router.Candidate> members,
      List<Waiting> queue,
      int nextVisitorNumber,
      long nextJoinOrder)
      implements State {

    int position(String conversationId) {
      for (int i = 0; i < queue.size(); i++) {
        if (queue.get(i).conversationId().equals(conversationId)) {
          return i + 1;
        }
      }
      return 0;
    }

    Open withMembers(Map<String, Router.Candidate> newMembers, long joinOrder) {
      return new Open(name, newMembers, queue, nextVisitorNumber, joinOrder);
    }

    Open withQueue(List<Waiting> newQueue, int visitorNumber) {
      return new Open(name, members, List.copyOf(newQueue), visitorNumber, nextJoinOrder);
    }
  }

  // ---------------------------------------------------------------- behaviour

  private final String channelId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final EntityDirectory directory;
  private final EngineSettings settings;
  private final Clock clock;
  private final JournalFailureReport journalFailures;
  private final Router router;

  /** The head conversation being offered, and the members that refused it so far. */
  private String offering;

  private final Set<String> refusedBy = new HashSet<>();

  /** Visitor numbers handed out to conversations not yet queued. */
  private int nextVisitorNumber = -1;

  /**
   * The first queue index whose position changed since the waiting conversations were last told, or
   * {@link Integer#MAX_VALUE} when they all know.
   */
  private int positionsChangedFrom = Integer.MAX_VALUE;

  /** Starters waiting to hear what became of their conversation. */
  private final Map<String, ActorRef<StatusReply<Started>>> starters = new HashMap<>();

  private Channel(
      String channelId,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock) {
    super(
        PersistenceId.of(ENTITY_TYPE_KEY.name(), channelId),
        EntityRuntime.restartOnJournalFailure(context.getSystem()));
    this.channelId = channelId;
    this.context = context;
    this.timers = timers;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.journalFailures = new JournalFailureReport(context.getSystem(), ENTITY_TYPE_KEY);
    this.router = new Router(settings.languageLoadTolerance());
  }

  public static Behavior<Command> create(
      String channelId, EntityDirectory directory, EngineSettings settings, Clock clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new Channel(channelId, context, timers, directory, settings, clock)));
  }

  /**
   * Registers the entity with Cluster Sharding. Channels are remembered entities, so that after a
   * restart or a move each channel runs again, tells its waiting visitors their positions and
   * drains its queue without waiting for traffic.
   */
  public static void init(
      ActorSystem<?> system, EntityDirectory directory, EngineSettings settings, Clock clock) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                    ENTITY_TYPE_KEY,
                    context -> create(context.getEntityId(), directory, settings, clock))
                .withSettings(RememberedEntities.settings(system)));
  }

  @Override
  public State emptyState() {
    return new NoChannel();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(500, 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(
            RecoveryCompleted.instance(),
            state -> {
              // a restart after a journal failure cancelled the timer that would have told them
              positionsChangedFrom = Integer.MAX_VALUE;
              observer()
                  .queueLength(channelId, state instanceof Open open ? open.queue().size() : 0);
              if (state instanceof Open open && !open.queue().isEmpty()) {
                tellPositions(open, 0);
                context.getSelf().tell(new DrainQueue());
              }
            })
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .onSignal(PostStop.instance(), state -> observer().queueLength(channelId, 0))
        .build();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
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
        .onCommand(TellPositions.class, this::onTellPositions)
        .onCommand(OfferAnswered.class, this::onOfferAnswered);
    return builder.build();
  }

  private ReplyEffect<Event, State> onCreate(NoChannel state, Create command) {
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

  private ReplyEffect<Event, State> onStartConversation(Open state, StartConversation command) {
    if (state.queue().size() >= settings.maxQueueLength()) {
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
   * Queues the new conversation. At the head of the queue its starter hears once the first routing
   * attempt is over (assigned, or waiting at position 1); behind others it hears at once that it
   * waits, and at which position.
   */
  private ReplyEffect<Event, State> onConversationOpened(Open state, ConversationOpened opened) {
    if (opened.failure() != null) {
      return Effect().reply(opened.replyTo(), StatusReply.error(opened.failure()));
    }
    int position = state.queue().size() + 1;
    if (position == 1) {
      starters.put(opened.conversationId(), opened.replyTo());
    } else {
      opened
          .replyTo()
          .tell(
              StatusReply.success(new Started(opened.conversationId(), "waiting", null, position)));
    }
    return Effect()
        .persist(
            new ConversationQueued(
                opened.conversationId(),
                opened.language(),
                opened.visitorNumber(),
                clock.instant(),
                opened.startedAt()))
        .thenRun(
            after -> {
              Open queued = (Open) after;
              observer().conversationStarted(channelId);
              observer().queueLength(channelId, queued.queue().size());
              directory
                  .conversation(opened.conversationId())
                  .tell(new Conversation.QueuePositionChanged(queued.queue().size()));
              drainSoon();
            })
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onUpdateMember(Open state, UpdateMember update) {
    if (update.view().hasRoom()) {
      // a refusal from before this update no longer holds
      refusedBy.remove(update.view().operatorId());
    }
    Router.Candidate known = state.members().get(update.view().operatorId());
    List<Event> events =
        known != null && known.view().equals(update.view())
            ? List.of()
            : List.of(new MemberUpdated(update.view(), clock.instant()));
    var effect = Effect().persist(events).thenRun(after -> drainSoon());
    return update.replyTo() == null
        ? effect.thenNoReply()
        : effect.thenReply(update.replyTo(), after -> StatusReply.success(summary((Open) after)));
  }

  private ReplyEffect<Event, State> onRemoveMember(Open state, RemoveMember remove) {
    if (!state.members().containsKey(remove.operatorId())) {
      return Effect().none().thenNoReply();
    }
    return Effect()
        .persist(new MemberRemoved(remove.operatorId(), remove.reason(), clock.instant()))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onLeaveQueue(Open state, LeaveQueue leave) {
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
    if (offering == null) {
      context.getSelf().tell(new DrainQueue());
    }
  }

  /** Offers the head of the queue to the best member that has not refused it yet. */
  private ReplyEffect<Event, State> drain(Open state) {
    if (offering != null) {
      return Effect().none().thenNoReply();
    }
    if (state.queue().isEmpty()) {
      return Effect().none().thenNoReply();
    }
    Waiting head = state.queue().get(0);
    Optional<Router.Candidate> best =
        router.best(
            state.members().values().stream()
                .filter(member -> !refusedBy.contains(member.view().operatorId()))
                .toList(),
            head.language());
    if (best.isEmpty()) {
      refusedBy.clear();
      answerStarters(state);
      return Effect().none().thenNoReply();
    }
    offering = head.conversationId();
    String operatorId = best.get().view().operatorId();
    context.ask(
        Operator.OfferAnswer.class,
        directory.operator(operatorId),
        settings.offerTimeout(),
        replyTo -> new Operator.Offer(head.conversationId(), channelId, replyTo),
        (answer, failure) -> new OfferAnswered(head.conversationId(), operatorId, answer));
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<Event, State> onOfferAnswered(Open state, OfferAnswered answered) {
    if (!answered.conversationId().equals(offering)) {
      return Effect().none().thenNoReply();
    }
    offering = null;
    Instant now = clock.instant();
    if (answered.answer() instanceof Operator.OfferAccepted accepted) {
      refusedBy.clear();
      int position = state.position(answered.conversationId());
      List<Event> events = new ArrayList<>();
      events.add(new MemberUpdated(accepted.view(), now));
      if (position > 0) {
        events.add(new ConversationAssigned(answered.conversationId(), answered.operatorId(), now));
      }
      return Effect()
          .persist(events)
          .thenRun(
              after -> {
                assign(answered.conversationId(), answered.operatorId(), accepted.displayName());
                if (position > 0) {
                  observeAssignment(state.queue().get(position - 1), (Open) after, now);
                  positionsChanged(position - 1);
                }
                context.getSelf().tell(new DrainQueue());
              })
          .thenNoReply();
    }
    refusedBy.add(answered.operatorId());
    List<Event> events = new ArrayList<>();
    if (answered.answer() instanceof Operator.OfferRefused refused) {
      if (refused.view() != null) {
        events.add(new MemberUpdated(refused.view(), now));
      } else if (state.members().containsKey(answered.operatorId())) {
        events.add(new MemberRemoved(answered.operatorId(), refused.reason().name(), now));
      }
    }
    return Effect()
        .persist(events)
        .thenRun(after -> context.getSelf().tell(new DrainQueue()))
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

  /** The queue stopped moving: everyone still waiting to hear learns their position. */
  private void answerStarters(Open state) {
    for (int i = 0; i < state.queue().size(); i++) {
      String conversationId = state.queue().get(i).conversationId();
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

  private ReplyEffect<Event, State> onTellPositions(Open state, TellPositions tell) {
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
  public EventHandler<State, Event> eventHandler() {
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

  private <T> ReplyEffect<Event, State> notFound(ActorRef<StatusReply<T>> replyTo) {
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
