package livechat.engine.operator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.EntityRuntime;
import livechat.engine.JournalFailureReport;
import livechat.engine.Rejection;
import livechat.engine.operator.Operator.AssignmentConfirmed;
import livechat.engine.operator.Operator.AssignmentDeclined;
import livechat.engine.operator.Operator.ChannelAnswered;
import livechat.engine.operator.Operator.CheckInactivity;
import livechat.engine.operator.Operator.CheckReservation;
import livechat.engine.operator.Operator.Command;
import livechat.engine.operator.Operator.GetCredentials;
import livechat.engine.operator.Operator.GetProfile;
import livechat.engine.operator.Operator.GetTokenVersion;
import livechat.engine.operator.Operator.JoinChannel;
import livechat.engine.operator.Operator.LeaveChannel;
import livechat.engine.operator.Operator.Offer;
import livechat.engine.operator.Operator.OfferRefused;
import livechat.engine.operator.Operator.RecordActivity;
import livechat.engine.operator.Operator.Refusal;
import livechat.engine.operator.Operator.Register;
import livechat.engine.operator.Operator.ReleaseConversation;
import livechat.engine.operator.Operator.ReservationChecked;
import livechat.engine.operator.Operator.RevokeTokens;
import livechat.engine.operator.Operator.Unwatch;
import livechat.engine.operator.Operator.UpdateAccount;
import livechat.engine.operator.Operator.UpdatePreferences;
import livechat.engine.operator.Operator.Watch;
import livechat.engine.operator.Operator.WatcherGone;
import livechat.engine.operator.OperatorEvent.AccountUpdated;
import livechat.engine.operator.OperatorEvent.ActivityRecorded;
import livechat.engine.operator.OperatorEvent.ChannelJoined;
import livechat.engine.operator.OperatorEvent.ChannelLeft;
import livechat.engine.operator.OperatorEvent.ConversationReleased;
import livechat.engine.operator.OperatorEvent.ConversationReserved;
import livechat.engine.operator.OperatorEvent.Disconnected;
import livechat.engine.operator.OperatorEvent.OperatorDisabled;
import livechat.engine.operator.OperatorEvent.OperatorEnabled;
import livechat.engine.operator.OperatorEvent.OperatorRegistered;
import livechat.engine.operator.OperatorEvent.PreferencesUpdated;
import livechat.engine.operator.OperatorEvent.TokensRevoked;
import livechat.engine.operator.OperatorState.Registered;
import livechat.engine.operator.OperatorState.Unregistered;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
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
 * The behaviour of an {@link Operator}: routes each command, by the operator's state, to what it
 * concerns ({@link OperatorAccount}, {@link ChannelMembership}, {@link Reservations}, {@link
 * OperatorActivity}, {@link OperatorSessions}) and applies the {@link OperatorEvent}s they store.
 */
final class OperatorEntity
    extends EventSourcedBehaviorWithEnforcedReplies<Command, OperatorEvent, OperatorState> {

  /** How many of its last conversations an operator keeps listed (its inbox). */
  static final int RECENT_CONVERSATIONS = 100;

  private final String operatorId;
  private final ActorContext<Command> context;

  /** The shard this entity runs in; null outside sharding. */
  private final ActorRef<ClusterSharding.ShardCommand> shard;

  private final JournalFailureReport journalFailures;
  private final OperatorSessions sessions;
  private final OperatorActivity activity;
  private final ChannelMembership membership;
  private final Reservations reservations;
  private final OperatorAccount account;

  OperatorEntity(
      String operatorId,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    super(
        PersistenceId.of(Operator.ENTITY_TYPE_KEY.name(), operatorId),
        EntityRuntime.restartOnJournalFailure(context.getSystem()));
    this.operatorId = operatorId;
    this.context = context;
    this.journalFailures = new JournalFailureReport(context.getSystem(), Operator.ENTITY_TYPE_KEY);
    this.shard = shard;
    this.sessions = new OperatorSessions(context);
    OperatorEnvironment env =
        new OperatorEnvironment(operatorId, Effect(), context, directory, settings, clock);
    this.activity =
        new OperatorActivity(
            env, (state, event) -> eventHandler().apply(state, event), timers, sessions);
    OperatorViews views =
        new OperatorViews(operatorId, activity, () -> lastSequenceNumber(context));
    this.membership = new ChannelMembership(env, activity, sessions, views);
    this.reservations = new Reservations(env, timers, activity, sessions, views, membership);
    this.account = new OperatorAccount(env, activity, sessions, views, membership);
  }

  @Override
  public OperatorState emptyState() {
    return new Unregistered();
  }

  /**
   * The read side lists operators from their registrations, and webhooks announce disconnections;
   * no other event is tagged.
   */
  @Override
  public Set<String> tagsFor(OperatorEvent event) {
    if (event instanceof OperatorRegistered) {
      return Set.of(OperatorEvent.REGISTERED_TAG);
    }
    return event instanceof Disconnected ? Set.of(OperatorEvent.DISCONNECTED_TAG) : Set.of();
  }

  /** An operator runs for years: recovery starts from a recent snapshot, not from its first day. */
  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<OperatorState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .build();
  }

  private void onRecovered(OperatorState state) {
    if (state instanceof Registered operator) {
      activity.armInactivityTimer(operator);
      reservations.checkAllAfterRecovery(operator);
      membership.announceToChannels(operator);
    }
  }

  @Override
  public CommandHandlerWithReply<Command, OperatorEvent, OperatorState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Unregistered.class)
        .onCommand(Register.class, account::onRegister)
        .onCommand(GetProfile.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(GetCredentials.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(GetTokenVersion.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(RevokeTokens.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(UpdateAccount.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(UpdatePreferences.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(RecordActivity.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(JoinChannel.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(LeaveChannel.class, (state, c) -> notFound(c.replyTo()))
        .onCommand(
            Offer.class,
            (state, c) -> {
              passivate();
              return Effect()
                  .reply(c.replyTo(), new OfferRefused(operatorId, Refusal.NOT_REGISTERED, null));
            })
        .onCommand(
            ReleaseConversation.class, (state, c) -> Effect().reply(c.replyTo(), StatusReply.ack()))
        .onAnyCommand(
            command -> {
              passivate();
              return Effect().none().thenNoReply();
            });
    builder
        .forStateType(Registered.class)
        .onCommand(Register.class, account::onRegisterAgain)
        .onCommand(GetProfile.class, account::onGetProfile)
        .onCommand(GetCredentials.class, account::onGetCredentials)
        .onCommand(GetTokenVersion.class, account::onGetTokenVersion)
        .onCommand(RevokeTokens.class, account::onRevokeTokens)
        .onCommand(UpdateAccount.class, account::onUpdateAccount)
        .onCommand(UpdatePreferences.class, account::onUpdatePreferences)
        .onCommand(RecordActivity.class, activity::onRecordActivity)
        .onCommand(JoinChannel.class, membership::onJoinChannel)
        .onCommand(ChannelAnswered.class, membership::onChannelAnswered)
        .onCommand(LeaveChannel.class, membership::onLeaveChannel)
        .onCommand(Offer.class, reservations::onOffer)
        .onCommand(AssignmentConfirmed.class, reservations::onAssignmentConfirmed)
        .onCommand(
            AssignmentDeclined.class, (state, c) -> reservations.release(state, c.conversationId()))
        .onCommand(ReleaseConversation.class, reservations::onReleaseConversation)
        .onCommand(Watch.class, (state, c) -> watch(c.watcher()))
        .onCommand(Unwatch.class, (state, c) -> unwatch(c.watcher()))
        .onCommand(WatcherGone.class, (state, c) -> unwatch(c.watcher()))
        .onCommand(CheckInactivity.class, activity::onCheckInactivity)
        .onCommand(CheckReservation.class, reservations::onCheckReservation)
        .onCommand(ReservationChecked.class, reservations::onReservationChecked);
    return builder.build();
  }

  private ReplyEffect<OperatorEvent, OperatorState> watch(ActorRef<Operator.Update> watcher) {
    sessions.watch(watcher);
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<OperatorEvent, OperatorState> unwatch(ActorRef<Operator.Update> watcher) {
    sessions.unwatch(watcher);
    return Effect().none().thenNoReply();
  }

  @Override
  public EventHandler<OperatorState, OperatorEvent> eventHandler() {
    var builder = newEventHandlerBuilder();
    builder
        .forStateType(Unregistered.class)
        .onEvent(
            OperatorRegistered.class,
            (state, e) ->
                new Registered(
                    e.login(),
                    e.name(),
                    e.passwordHash(),
                    null,
                    e.mainLanguage(),
                    List.of(),
                    e.capacity(),
                    List.of(),
                    HeldConversations.NONE,
                    List.of(),
                    e.at(),
                    true,
                    false,
                    0));
    builder
        .forStateType(Registered.class)
        .onEvent(
            AccountUpdated.class,
            (state, e) ->
                new Registered(
                    state.login(),
                    e.name(),
                    e.passwordHash(),
                    state.onlineChatName(),
                    state.mainLanguage(),
                    state.chatLanguages(),
                    e.capacity(),
                    state.channels(),
                    state.conversations(),
                    state.recent(),
                    state.lastActivity(),
                    state.online(),
                    state.disabled(),
                    state.tokenVersion()))
        .onEvent(
            PreferencesUpdated.class,
            (state, e) ->
                new Registered(
                    state.login(),
                    state.name(),
                    state.passwordHash(),
                    e.onlineChatName(),
                    e.mainLanguage(),
                    e.chatLanguages(),
                    state.capacity(),
                    state.channels(),
                    state.conversations(),
                    state.recent(),
                    e.at(),
                    true,
                    state.disabled(),
                    state.tokenVersion()))
        .onEvent(ActivityRecorded.class, (state, e) -> state.active(e.at()))
        .onEvent(
            ChannelJoined.class,
            (state, e) -> {
              Set<String> channels = new LinkedHashSet<>(state.channels());
              channels.add(e.channelId());
              return state.active(e.at()).withChannels(new ArrayList<>(channels));
            })
        .onEvent(
            ChannelLeft.class,
            (state, e) -> {
              List<String> channels = new ArrayList<>(state.channels());
              channels.remove(e.channelId());
              return state.active(e.at()).withChannels(channels);
            })
        .onEvent(
            Disconnected.class,
            (state, e) ->
                new Registered(
                    state.login(),
                    state.name(),
                    state.passwordHash(),
                    state.onlineChatName(),
                    state.mainLanguage(),
                    state.chatLanguages(),
                    state.capacity(),
                    List.of(),
                    state.conversations(),
                    state.recent(),
                    state.lastActivity(),
                    false,
                    state.disabled(),
                    state.tokenVersion()))
        .onEvent(
            ConversationReserved.class,
            (state, e) -> {
              HeldConversations conversations =
                  state.held().with(e.conversationId(), e.channelId());
              List<String> recent = new ArrayList<>(state.recent());
              recent.remove(e.conversationId());
              recent.add(e.conversationId());
              if (recent.size() > RECENT_CONVERSATIONS) {
                recent.remove(0);
              }
              return state.withConversations(conversations, recent);
            })
        .onEvent(
            ConversationReleased.class,
            (state, e) -> {
              return state.withConversations(
                  state.held().without(e.conversationId()), state.recent());
            })
        .onEvent(TokensRevoked.class, (state, e) -> state.withAccess(state.disabled(), e.version()))
        .onEvent(OperatorDisabled.class, (state, e) -> state.withAccess(true, state.tokenVersion()))
        .onEvent(
            OperatorEnabled.class, (state, e) -> state.withAccess(false, state.tokenVersion()));
    return builder.build();
  }

  /**
   * Stops an entity that has no operator (yet), so that an id nobody registered does not stay a
   * remembered entity; a later Register starts it again.
   */
  private void passivate() {
    if (shard != null) {
      shard.tell(new ClusterSharding.Passivate<>(context.getSelf()));
    }
  }

  /** There is no such operator: says so, and stops. */
  private <T> ReplyEffect<OperatorEvent, OperatorState> notFound(ActorRef<StatusReply<T>> replyTo) {
    passivate();
    return Effect()
        .reply(
            replyTo,
            StatusReply.error(
                Rejection.notFound("unknown_operator", "There is no operator with this id.")));
  }
}
