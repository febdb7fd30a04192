package livechat.engine.operator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.EntityRuntime;
import livechat.engine.JournalFailureReport;
import livechat.engine.MemberView;
import livechat.engine.Rejection;
import livechat.engine.TokenRevocations;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator.AssignmentConfirmed;
import livechat.engine.operator.Operator.AssignmentDeclined;
import livechat.engine.operator.Operator.ChannelAnswered;
import livechat.engine.operator.Operator.ChannelsChanged;
import livechat.engine.operator.Operator.CheckInactivity;
import livechat.engine.operator.Operator.CheckReservation;
import livechat.engine.operator.Operator.Command;
import livechat.engine.operator.Operator.ConversationGiven;
import livechat.engine.operator.Operator.Credentials;
import livechat.engine.operator.Operator.GetCredentials;
import livechat.engine.operator.Operator.GetProfile;
import livechat.engine.operator.Operator.GetTokenVersion;
import livechat.engine.operator.Operator.JoinChannel;
import livechat.engine.operator.Operator.LeaveChannel;
import livechat.engine.operator.Operator.Offer;
import livechat.engine.operator.Operator.OfferAccepted;
import livechat.engine.operator.Operator.OfferRefused;
import livechat.engine.operator.Operator.Profile;
import livechat.engine.operator.Operator.RecordActivity;
import livechat.engine.operator.Operator.Refusal;
import livechat.engine.operator.Operator.Register;
import livechat.engine.operator.Operator.ReleaseConversation;
import livechat.engine.operator.Operator.ReservationChecked;
import livechat.engine.operator.Operator.RevokeTokens;
import livechat.engine.operator.Operator.TokenVersion;
import livechat.engine.operator.Operator.TokensEnded;
import livechat.engine.operator.Operator.Unwatch;
import livechat.engine.operator.Operator.Update;
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
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The behaviour of an {@link Operator}: its profile and preferences, channels, reservations and
 * inactivity, checked against its state and stored as {@link OperatorEvent}s.
 */
final class OperatorEntity
    extends EventSourcedBehaviorWithEnforcedReplies<Command, OperatorEvent, OperatorState> {

  // ---------------------------------------------------------------- behaviour

  private static final String INACTIVITY_TIMER = "inactivity";

  /** How many of its last conversations an operator keeps listed (its inbox). */
  static final int RECENT_CONVERSATIONS = 100;

  private final String operatorId;
  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;

  /** The shard this entity runs in; null outside sharding. */
  private final ActorRef<ClusterSharding.ShardCommand> shard;

  private final EntityDirectory directory;
  private final EngineSettings settings;
  private final Clock clock;
  private final JournalFailureReport journalFailures;

  /** Activity seen since the last one written (written at most once per activity-resolution). */
  private Instant unwrittenActivity = Instant.MIN;

  /** Held conversations whose assignment the conversation has not confirmed yet. */
  private final Set<String> unconfirmed = new HashSet<>();

  /** The operator's open sessions. */
  private final Set<ActorRef<Update>> watchers = new LinkedHashSet<>();

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
    this.timers = timers;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.journalFailures = new JournalFailureReport(context.getSystem(), Operator.ENTITY_TYPE_KEY);
    this.shard = shard;
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
      armInactivityTimer(operator);
      for (String conversationId : operator.conversations().keySet()) {
        unconfirmed.add(conversationId);
        context.getSelf().tell(new CheckReservation(conversationId));
      }
      announceToChannels(operator);
    }
  }

  @Override
  public CommandHandlerWithReply<Command, OperatorEvent, OperatorState> commandHandler() {
    var builder = newCommandHandlerWithReplyBuilder();
    builder
        .forStateType(Unregistered.class)
        .onCommand(Register.class, this::onRegister)
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
        .onCommand(
            Register.class,
            (state, c) ->
                Effect()
                    .reply(
                        c.replyTo(),
                        StatusReply.error(
                            Rejection.conflict(
                                "operator_exists", "This operator is already registered."))))
        .onCommand(GetProfile.class, this::onGetProfile)
        .onCommand(
            GetCredentials.class,
            (state, c) ->
                Effect()
                    .reply(
                        c.replyTo(),
                        StatusReply.success(
                            new Credentials(
                                state.passwordHash(), state.disabled(), state.tokenVersion()))))
        .onCommand(
            GetTokenVersion.class,
            (state, c) ->
                Effect()
                    .reply(
                        c.replyTo(), StatusReply.success(new TokenVersion(state.tokenVersion()))))
        .onCommand(RevokeTokens.class, this::onRevokeTokens)
        .onCommand(UpdateAccount.class, this::onUpdateAccount)
        .onCommand(UpdatePreferences.class, this::onUpdatePreferences)
        .onCommand(RecordActivity.class, this::onRecordActivity)
        .onCommand(JoinChannel.class, this::onJoinChannel)
        .onCommand(ChannelAnswered.class, this::onChannelAnswered)
        .onCommand(LeaveChannel.class, this::onLeaveChannel)
        .onCommand(Offer.class, this::onOffer)
        .onCommand(AssignmentConfirmed.class, this::onAssignmentConfirmed)
        .onCommand(AssignmentDeclined.class, (state, c) -> release(state, c.conversationId()))
        .onCommand(ReleaseConversation.class, this::onReleaseConversation)
        .onCommand(Watch.class, this::onWatch)
        .onCommand(Unwatch.class, (state, c) -> unwatch(c.watcher()))
        .onCommand(WatcherGone.class, (state, c) -> unwatch(c.watcher()))
        .onCommand(CheckInactivity.class, this::onCheckInactivity)
        .onCommand(CheckReservation.class, this::onCheckReservation)
        .onCommand(ReservationChecked.class, this::onReservationChecked);
    return builder.build();
  }

  private ReplyEffect<OperatorEvent, OperatorState> onRegister(
      Unregistered state, Register command) {
    Instant now = clock.instant();
    int capacity = command.capacity() == null ? settings.defaultCapacity() : command.capacity();
    Rejection invalid =
        firstProblem(
            blank(command.login(), "The login must not be empty."),
            blank(command.name(), "The name must not be empty."),
            blank(command.passwordHash(), "The password must not be empty."),
            capacity < 1 ? invalidOperator("The capacity must be at least 1.") : null,
            notEnabled(List.of(nullToEmpty(command.mainLanguage())), command.enabledLanguages()));
    if (invalid != null) {
      return Effect().reply(command.replyTo(), StatusReply.error(invalid));
    }
    return Effect()
        .persist(
            new OperatorRegistered(
                command.login(),
                command.name().trim(),
                command.passwordHash(),
                command.mainLanguage(),
                capacity,
                now))
        .thenRun(this::armInactivityTimer)
        .thenReply(command.replyTo(), after -> StatusReply.success(profile(after)));
  }

  private ReplyEffect<OperatorEvent, OperatorState> onGetProfile(
      Registered state, GetProfile command) {
    return persistThenReply(
        catchUp(state), command.replyTo(), after -> StatusReply.success(profile(after)));
  }

  private ReplyEffect<OperatorEvent, OperatorState> onUpdateAccount(
      Registered state, UpdateAccount command) {
    String name = command.name() == null ? state.name() : command.name().trim();
    int capacity = command.capacity() == null ? state.capacity() : command.capacity();
    String passwordHash =
        command.passwordHash() == null ? state.passwordHash() : command.passwordHash();
    Rejection invalid =
        firstProblem(
            blank(name, "The name must not be empty."),
            capacity < 1 ? invalidOperator("The capacity must be at least 1.") : null,
            blank(passwordHash, "The password must not be empty."));
    if (invalid != null) {
      return Effect().reply(command.replyTo(), StatusReply.error(invalid));
    }
    List<OperatorEvent> events = catchUp(state);
    events.add(new AccountUpdated(name, capacity, passwordHash));
    events.addAll(accessChanges(apply(state, events), command));
    String displayNameBefore = state.displayName();
    return write(events)
        .thenRun(
            after -> {
              afterProfileChange((Registered) after, displayNameBefore);
              afterRevocation((Registered) after, events);
            })
        .thenReply(command.replyTo(), after -> StatusReply.success(profile(after)));
  }

  /**
   * Disabling leaves every channel and ends the tokens; enabling lets the operator log in again. A
   * new password ends the tokens too.
   */
  private List<OperatorEvent> accessChanges(Registered current, UpdateAccount command) {
    Instant now = clock.instant();
    List<OperatorEvent> events = new ArrayList<>();
    long version = current.tokenVersion();
    if (Boolean.TRUE.equals(command.disabled()) && !current.disabled()) {
      if (current.online() || !current.channels().isEmpty()) {
        events.add(new Disconnected("disabled", current.channels(), now));
      }
      events.add(new OperatorDisabled(now));
      events.add(new TokensRevoked(version + 1, "disabled", now));
    } else if (Boolean.FALSE.equals(command.disabled()) && current.disabled()) {
      events.add(new OperatorEnabled(now));
    }
    if (command.passwordHash() != null
        && events.stream().noneMatch(TokensRevoked.class::isInstance)) {
      events.add(new TokensRevoked(version + 1, "password_changed", now));
    }
    return events;
  }

  private ReplyEffect<OperatorEvent, OperatorState> onRevokeTokens(
      Registered state, RevokeTokens command) {
    List<OperatorEvent> events = catchUp(state);
    events.add(new TokensRevoked(state.tokenVersion() + 1, command.reason(), clock.instant()));
    return write(events)
        .thenRun(after -> afterRevocation((Registered) after, events))
        .thenReply(
            command.replyTo(),
            after -> StatusReply.success(new TokenVersion(((Registered) after).tokenVersion())));
  }

  /** Tells the operator's sessions, and every node's cache of token versions, of a revocation. */
  private void afterRevocation(Registered state, List<OperatorEvent> events) {
    for (OperatorEvent event : events) {
      if (event instanceof TokensRevoked revoked) {
        publish(new TokensEnded(state.tokenVersion(), revoked.reason()));
        TokenRevocations.get(context.getSystem()).publish(operatorId, state.tokenVersion());
      }
    }
  }

  private ReplyEffect<OperatorEvent, OperatorState> onUpdatePreferences(
      Registered state, UpdatePreferences command) {
    String onlineChatName =
        command.changeOnlineChatName()
            ? blankToNull(command.onlineChatName())
            : state.onlineChatName();
    String mainLanguage =
        command.mainLanguage() == null ? state.mainLanguage() : command.mainLanguage();
    List<String> chatLanguages =
        command.chatLanguages() == null
            ? state.chatLanguages()
            : List.copyOf(new LinkedHashSet<>(command.chatLanguages()));
    List<String> chosen = new ArrayList<>(chatLanguages);
    chosen.add(0, mainLanguage);
    Rejection invalid = notEnabled(chosen, command.enabledLanguages());
    if (invalid != null) {
      return Effect().reply(command.replyTo(), StatusReply.error(invalid));
    }
    List<OperatorEvent> events = catchUp(state);
    events.add(
        new PreferencesUpdated(onlineChatName, mainLanguage, chatLanguages, clock.instant()));
    String displayNameBefore = state.displayName();
    return write(events)
        .thenRun(after -> afterProfileChange((Registered) after, displayNameBefore))
        .thenReply(command.replyTo(), after -> StatusReply.success(profile(after)));
  }

  private ReplyEffect<OperatorEvent, OperatorState> onRecordActivity(
      Registered state, RecordActivity command) {
    if (state.disabled()) {
      return Effect().reply(command.replyTo(), StatusReply.ack());
    }
    Instant now = clock.instant();
    List<OperatorEvent> events = catchUp(state);
    boolean reconnects = !events.isEmpty() || !state.online();
    if (reconnects || !now.isBefore(state.lastActivity().plus(settings.activityResolution()))) {
      events.add(new ActivityRecorded(now));
    } else {
      unwrittenActivity = now;
    }
    return write(events)
        .thenRun(this::afterActivity)
        .thenReply(command.replyTo(), after -> StatusReply.ack());
  }

  private ReplyEffect<OperatorEvent, OperatorState> onJoinChannel(
      Registered state, JoinChannel command) {
    if (state.disabled()) {
      return Effect()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.forbidden("operator_disabled", "This operator is disabled.")));
    }
    List<OperatorEvent> events = catchUp(state);
    events.add(new ChannelJoined(command.channelId(), clock.instant()));
    return write(events)
        .thenRun(
            after -> {
              afterActivity(after);
              Registered operator = (Registered) after;
              context.askWithStatus(
                  Channel.Summary.class,
                  directory.channel(command.channelId()),
                  settings.askTimeout(),
                  replyTo -> new Channel.UpdateMember(view(operator), replyTo),
                  (summary, failure) ->
                      new ChannelAnswered(command.channelId(), command.replyTo(), failure));
            })
        .thenNoReply();
  }

  private ReplyEffect<OperatorEvent, OperatorState> onChannelAnswered(
      Registered state, ChannelAnswered answer) {
    if (answer.failure() == null) {
      publish(new ChannelsChanged(state.channels(), "joined"));
      return Effect().reply(answer.replyTo(), StatusReply.success(profile(state)));
    }
    if (answer.failure() instanceof Rejection rejection
        && rejection.kind() == Rejection.Kind.NOT_FOUND) {
      return Effect()
          .persist(new ChannelLeft(answer.channelId(), state.lastActivity()))
          .thenReply(answer.replyTo(), after -> StatusReply.error(rejection));
    }
    return Effect().reply(answer.replyTo(), StatusReply.error(answer.failure()));
  }

  private ReplyEffect<OperatorEvent, OperatorState> onLeaveChannel(
      Registered state, LeaveChannel command) {
    List<OperatorEvent> events = catchUp(state);
    events.add(new ChannelLeft(command.channelId(), clock.instant()));
    return write(events)
        .thenRun(
            after -> {
              afterActivity(after);
              directory
                  .channel(command.channelId())
                  .tell(new Channel.RemoveMember(operatorId, "left"));
              publish(new ChannelsChanged(((Registered) after).channels(), "left"));
            })
        .thenReply(command.replyTo(), after -> StatusReply.success(profile(after)));
  }

  private ReplyEffect<OperatorEvent, OperatorState> onOffer(Registered state, Offer offer) {
    List<OperatorEvent> events = catchUp(state);
    Registered current = apply(state, events);
    if (current.conversations().containsKey(offer.conversationId())) {
      return persistThenReply(events, offer.replyTo(), after -> accepted((Registered) after));
    }
    if (!current.channels().contains(offer.channelId())) {
      return persistThenReply(
          events,
          offer.replyTo(),
          after -> new OfferRefused(operatorId, Refusal.NOT_A_MEMBER, null));
    }
    if (current.active() >= current.capacity()) {
      return persistThenReply(
          events,
          offer.replyTo(),
          after -> new OfferRefused(operatorId, Refusal.AT_CAPACITY, view((Registered) after)));
    }
    events.add(
        new ConversationReserved(offer.conversationId(), offer.channelId(), clock.instant()));
    return write(events)
        .thenRun(
            after -> {
              expectConfirmation(offer.conversationId());
              announceToChannels((Registered) after);
            })
        .thenReply(offer.replyTo(), after -> accepted((Registered) after));
  }

  private ReplyEffect<OperatorEvent, OperatorState> onAssignmentConfirmed(
      Registered state, AssignmentConfirmed confirmed) {
    if (state.conversations().containsKey(confirmed.conversationId())) {
      confirm(confirmed.conversationId());
    }
    return Effect().none().thenNoReply();
  }

  private void confirm(String conversationId) {
    timers.cancel(reservationTimer(conversationId));
    if (unconfirmed.remove(conversationId)) {
      publish(new ConversationGiven(conversationId));
    }
  }

  private ReplyEffect<OperatorEvent, OperatorState> onWatch(Registered state, Watch watch) {
    if (watchers.add(watch.watcher())) {
      context.watchWith(watch.watcher(), new WatcherGone(watch.watcher()));
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<OperatorEvent, OperatorState> unwatch(ActorRef<Update> watcher) {
    if (watchers.remove(watcher)) {
      context.unwatch(watcher);
    }
    return Effect().none().thenNoReply();
  }

  private void publish(Update update) {
    for (ActorRef<Update> watcher : watchers) {
      watcher.tell(update);
    }
  }

  private ReplyEffect<OperatorEvent, OperatorState> onReleaseConversation(
      Registered state, ReleaseConversation command) {
    if (!state.conversations().containsKey(command.conversationId())) {
      return Effect().reply(command.replyTo(), StatusReply.ack());
    }
    return Effect()
        .persist(new ConversationReleased(command.conversationId(), clock.instant()))
        .thenRun(after -> afterRelease((Registered) after, command.conversationId()))
        .thenReply(command.replyTo(), after -> StatusReply.ack());
  }

  private ReplyEffect<OperatorEvent, OperatorState> release(
      Registered state, String conversationId) {
    if (!state.conversations().containsKey(conversationId)) {
      return Effect().none().thenNoReply();
    }
    return Effect()
        .persist(new ConversationReleased(conversationId, clock.instant()))
        .thenRun(after -> afterRelease((Registered) after, conversationId))
        .thenNoReply();
  }

  private ReplyEffect<OperatorEvent, OperatorState> onCheckInactivity(
      Registered state, CheckInactivity check) {
    if (!state.online()) {
      return Effect().none().thenNoReply();
    }
    List<OperatorEvent> events = catchUp(state);
    if (events.isEmpty() && unwrittenActivity.isAfter(state.lastActivity())) {
      events.add(new ActivityRecorded(unwrittenActivity));
    }
    return write(events).thenRun(this::afterActivity).thenNoReply();
  }

  private ReplyEffect<OperatorEvent, OperatorState> onCheckReservation(
      Registered state, CheckReservation check) {
    String conversationId = check.conversationId();
    if (state.conversations().containsKey(conversationId) && unconfirmed.contains(conversationId)) {
      context.ask(
          Conversation.AssignmentAnswer.class,
          directory.conversation(conversationId),
          settings.askTimeout(),
          replyTo ->
              new Conversation.AssignOperator(
                  operatorId,
                  state.displayName(),
                  state.conversations().get(conversationId),
                  replyTo),
          (answer, failure) -> new ReservationChecked(conversationId, answer));
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<OperatorEvent, OperatorState> onReservationChecked(
      Registered state, ReservationChecked checked) {
    if (checked.answer() == null) {
      expectConfirmation(checked.conversationId());
      return Effect().none().thenNoReply();
    }
    if (checked.answer() instanceof Conversation.Assigned) {
      confirm(checked.conversationId());
      return Effect().none().thenNoReply();
    }
    unconfirmed.remove(checked.conversationId());
    return release(state, checked.conversationId());
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
                    Map.of(),
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
              Map<String, String> conversations = new LinkedHashMap<>(state.conversations());
              conversations.put(e.conversationId(), e.channelId());
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
              Map<String, String> conversations = new LinkedHashMap<>(state.conversations());
              conversations.remove(e.conversationId());
              return state.withConversations(conversations, state.recent());
            })
        .onEvent(TokensRevoked.class, (state, e) -> state.withAccess(state.disabled(), e.version()))
        .onEvent(OperatorDisabled.class, (state, e) -> state.withAccess(true, state.tokenVersion()))
        .onEvent(
            OperatorEnabled.class, (state, e) -> state.withAccess(false, state.tokenVersion()));
    return builder.build();
  }

  // ---------------------------------------------------------------- inactivity

  /** The disconnection that is due by now, if any, as events to write before anything else. */
  private List<OperatorEvent> catchUp(Registered state) {
    List<OperatorEvent> events = new ArrayList<>();
    Instant now = clock.instant();
    if (state.online() && !now.isBefore(lastActivity(state).plus(settings.inactivityTimeout()))) {
      events.add(new Disconnected("inactivity", state.channels(), now));
    }
    return events;
  }

  private Instant lastActivity(Registered state) {
    return unwrittenActivity.isAfter(state.lastActivity())
        ? unwrittenActivity
        : state.lastActivity();
  }

  private void afterActivity(OperatorState state) {
    if (state instanceof Registered operator) {
      armInactivityTimer(operator);
    }
  }

  private void armInactivityTimer(OperatorState state) {
    if (!(state instanceof Registered operator) || !operator.online()) {
      timers.cancel(INACTIVITY_TIMER);
      return;
    }
    Duration untilDue =
        Duration.between(
            clock.instant(), lastActivity(operator).plus(settings.inactivityTimeout()));
    timers.startSingleTimer(
        INACTIVITY_TIMER, new CheckInactivity(), untilDue.isNegative() ? Duration.ZERO : untilDue);
  }

  /** Writes the events (possibly none); a disconnection among them is told to the channels. */
  private EffectBuilder<OperatorEvent, OperatorState> write(List<OperatorEvent> events) {
    return Effect().persist(events).thenRun(after -> afterDisconnect(events));
  }

  private <R> ReplyEffect<OperatorEvent, OperatorState> persistThenReply(
      List<OperatorEvent> events, ActorRef<R> replyTo, Function<OperatorState, R> reply) {
    return write(events).thenReply(replyTo, reply::apply);
  }

  private void afterDisconnect(List<OperatorEvent> events) {
    for (OperatorEvent event : events) {
      if (event instanceof Disconnected disconnected) {
        timers.cancel(INACTIVITY_TIMER);
        publish(new ChannelsChanged(List.of(), disconnected.reason()));
        for (String channelId : disconnected.channels()) {
          directory
              .channel(channelId)
              .tell(new Channel.RemoveMember(operatorId, disconnected.reason()));
        }
      }
    }
  }

  // ---------------------------------------------------------------- reservations and channels

  private void expectConfirmation(String conversationId) {
    unconfirmed.add(conversationId);
    timers.startSingleTimer(
        reservationTimer(conversationId),
        new CheckReservation(conversationId),
        settings.reservationTimeout());
  }

  private static String reservationTimer(String conversationId) {
    return "reservation-" + conversationId;
  }

  private void afterRelease(Registered state, String conversationId) {
    unconfirmed.remove(conversationId);
    timers.cancel(reservationTimer(conversationId));
    announceToChannels(state);
  }

  private void afterProfileChange(Registered state, String displayNameBefore) {
    armInactivityTimer(state);
    announceToChannels(state);
    if (!state.displayName().equals(displayNameBefore)) {
      for (String conversationId : state.conversations().keySet()) {
        directory
            .conversation(conversationId)
            .tell(new Conversation.RenameOperator(operatorId, state.displayName()));
      }
    }
  }

  /** Tells every joined channel this operator's current languages and load. */
  private void announceToChannels(Registered state) {
    MemberView view = view(state);
    for (String channelId : state.channels()) {
      directory.channel(channelId).tell(new Channel.UpdateMember(view, null));
    }
  }

  private MemberView view(Registered state) {
    return new MemberView(
        operatorId,
        state.mainLanguage(),
        state.chatLanguages(),
        state.active(),
        state.capacity(),
        lastSequenceNumber(context));
  }

  private OfferAccepted accepted(Registered state) {
    return new OfferAccepted(view(state), state.displayName());
  }

  private Profile profile(OperatorState state) {
    Registered operator = (Registered) state;
    return new Profile(
        operatorId,
        operator.login(),
        operator.name(),
        operator.onlineChatName(),
        operator.displayName(),
        operator.mainLanguage(),
        operator.chatLanguages(),
        operator.capacity(),
        operator.channels(),
        List.copyOf(operator.conversations().keySet()),
        operator.recent(),
        operator.online(),
        lastActivity(operator),
        operator.disabled(),
        operator.tokenVersion());
  }

  private Registered apply(Registered state, List<OperatorEvent> events) {
    OperatorState result = state;
    for (OperatorEvent event : events) {
      result = eventHandler().apply(result, event);
    }
    return (Registered) result;
  }

  // ---------------------------------------------------------------- validation

  private static Rejection notEnabled(List<String> languages, Set<String> enabled) {
    for (String language : languages) {
      if (!enabled.contains(language)) {
        return Rejection.invalid(
            "language_not_enabled",
            "'"
                + language
                + "' is not an enabled language; enabled are "
                + String.join(", ", enabled.stream().sorted().toList())
                + ".");
      }
    }
    return null;
  }

  private static Rejection firstProblem(Rejection... problems) {
    for (Rejection problem : problems) {
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static Rejection blank(String value, String problem) {
    return value == null || value.isBlank() ? invalidOperator(problem) : null;
  }

  private static Rejection invalidOperator(String reason) {
    return Rejection.invalid("invalid_operator", reason);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
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
