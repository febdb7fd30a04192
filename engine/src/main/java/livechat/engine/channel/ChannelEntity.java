package livechat.engine.channel;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
import livechat.engine.channel.Channel.OpenedWithOperator;
import livechat.engine.channel.Channel.RemoveMember;
import livechat.engine.channel.Channel.StartConversation;
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
 * The behaviour of a {@link Channel}: its creation and members, and the wiring of its parts, {@link
 * QueueAdmission} for conversations entering and leaving the queue, {@link QueueRouting} for
 * draining it, {@link MemberLoads} for the members' load it routes by, and {@link BatchedWrites}
 * for storing what changes in batches.
 */
final class ChannelEntity
    extends EventSourcedBehaviorWithEnforcedReplies<Command, ChannelEvent, ChannelState> {

  private final ChannelEnvironment env;
  private final JournalFailureReport journalFailures;
  private final BatchedWrites writes;
  private final MemberLoads loads = new MemberLoads();
  private final QueueRouting routing;
  private final QueueAdmission admission;

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
    this.env = new ChannelEnvironment(channelId, Effect(), context, directory, settings, clock);
    this.journalFailures = new JournalFailureReport(context.getSystem(), Channel.ENTITY_TYPE_KEY);
    this.writes = new BatchedWrites(env);
    this.routing = new QueueRouting(env, timers, writes, loads, this::queueInstead);
    this.admission = new QueueAdmission(env, writes, routing);
  }

  /** A start its member refused waits in the queue. */
  private void queueInstead(Channel.Start start) {
    admission.openForQueue(start);
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
              env.observer()
                  .queueLength(
                      env.channelId(), state instanceof Open open ? open.queue().size() : 0);
              if (state instanceof Open open && !open.queue().isEmpty()) {
                routing.tellPositions(open, 0);
                routing.drainSoon();
              }
            })
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .onSignal(PostStop.instance(), state -> env.observer().queueLength(env.channelId(), 0))
        .build();
  }

  /**
   * After a restart (a journal failure), what was kept in memory alongside the stored state is gone
   * or stale: the timers were cancelled, a write may not have happened and offers may be answered
   * to nobody. Starters of conversations not stored hear nothing and time out.
   */
  private void forgetUnwritten() {
    writes.forget();
    loads.forget();
    admission.forget();
    routing.forget();
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
        .onCommand(StartConversation.class, admission::onStartConversation)
        .onCommand(ConversationOpened.class, admission::onConversationOpened)
        .onCommand(UpdateMember.class, this::onUpdateMember)
        .onCommand(RemoveMember.class, this::onRemoveMember)
        .onCommand(LeaveQueue.class, admission::onLeaveQueue)
        .onCommand(DrainQueue.class, (state, c) -> routing.drain(state))
        .onCommand(WritePending.class, writes::onWritePending)
        .onCommand(TellPositions.class, routing::onTellPositions)
        .onCommand(OfferAnswered.class, routing::onOfferAnswered)
        .onCommand(OpenedWithOperator.class, routing::onOpenedWithOperator);
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
        .persist(new Created(command.name().trim(), env.clock().instant()))
        .thenReply(command.replyTo(), after -> StatusReply.success(summary((Open) after)));
  }

  private ReplyEffect<ChannelEvent, ChannelState> onUpdateMember(Open state, UpdateMember update) {
    if (update.view().hasRoom()) {
      routing.hasRoomAgain(update.view().operatorId());
    }
    List<ChannelEvent> events = loads.heard(state, update.view(), env.clock().instant());
    var effect = Effect().persist(events).thenRun(after -> routing.drainSoon());
    return update.replyTo() == null
        ? effect.thenNoReply()
        : effect.thenReply(update.replyTo(), after -> StatusReply.success(summary((Open) after)));
  }

  private ReplyEffect<ChannelEvent, ChannelState> onRemoveMember(Open state, RemoveMember remove) {
    if (!state.members().containsKey(remove.operatorId())) {
      return Effect().none().thenNoReply();
    }
    routing.memberLeft(remove.operatorId());
    return Effect()
        .persist(new MemberRemoved(remove.operatorId(), remove.reason(), env.clock().instant()))
        .thenNoReply();
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

  private static List<Waiting> withoutConversation(List<Waiting> queue, String conversationId) {
    return queue.stream()
        .filter(waiting -> !waiting.conversationId().equals(conversationId))
        .toList();
  }

  private Summary summary(Open state) {
    return new Summary(
        env.channelId(),
        state.name(),
        List.copyOf(state.members().keySet()),
        state.queue().stream().map(Waiting::conversationId).toList(),
        (int)
            loads.current(state.members().values()).stream()
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
