package livechat.engine;

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
import livechat.engine.conversation.Conversation;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * An operator: profile, languages, the channels it has joined and the conversations it holds.
 *
 * <p>It is the single writer of its own load. A channel <em>offers</em> a conversation and the
 * operator accepts only while it is in that channel and below capacity, so capacity holds however
 * many nodes and channels offer at once. An accepted conversation is held as a reservation until
 * the conversation confirms the assignment; unconfirmed ones are checked with the conversation and
 * released if it went elsewhere, so no slot leaks when a message is lost.
 *
 * <p>Operator commands count as activity. After {@code livechat.operator.inactivity-timeout}
 * without any the operator is disconnected and leaves every channel. Time is measured from the
 * persisted last activity: the timer is re-armed on recovery, and every command first applies a
 * disconnection that is overdue, so the rule holds across restarts and moves.
 */
public final class Operator
    extends EventSourcedBehaviorWithEnforcedReplies<
        Operator.Command, Operator.Event, Operator.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Operator");

  // ---------------------------------------------------------------- protocol

  public sealed interface Command extends CborSerializable {}

  /** Creates the operator; the main language must be one of the enabled languages. */
  public record Register(
      String login,
      String name,
      String passwordHash,
      String mainLanguage,
      Integer capacity,
      Set<String> enabledLanguages,
      ActorRef<StatusReply<Profile>> replyTo)
      implements Command {}

  public record GetProfile(ActorRef<StatusReply<Profile>> replyTo) implements Command {}

  /** What checking a login needs; it never leaves the server. */
  public record GetCredentials(ActorRef<StatusReply<Credentials>> replyTo) implements Command {}

  /** The version that tokens of this operator must carry to be accepted. */
  public record GetTokenVersion(ActorRef<StatusReply<TokenVersion>> replyTo) implements Command {}

  /** Ends every token issued to the operator until now (a logout); replies the new version. */
  public record RevokeTokens(String reason, ActorRef<StatusReply<TokenVersion>> replyTo)
      implements Command {}

  /**
   * Changes made by an administrator; {@code null} leaves a value as it is. A new password or
   * disabling ends the operator's tokens; a disabled operator also leaves every channel.
   */
  public record UpdateAccount(
      String name,
      Integer capacity,
      String passwordHash,
      Boolean disabled,
      ActorRef<StatusReply<Profile>> replyTo)
      implements Command {}

  /**
   * Changes made by the operator; {@code null} leaves a value as it is. The online chat name
   * changes only when {@code changeOnlineChatName} is set; {@code null} or blank clears it.
   */
  public record UpdatePreferences(
      boolean changeOnlineChatName,
      String onlineChatName,
      String mainLanguage,
      List<String> chatLanguages,
      Set<String> enabledLanguages,
      ActorRef<StatusReply<Profile>> replyTo)
      implements Command {}

  /** Any operator request: keeps the operator connected. */
  public record RecordActivity(ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record JoinChannel(String channelId, ActorRef<StatusReply<Profile>> replyTo)
      implements Command {}

  public record LeaveChannel(String channelId, ActorRef<StatusReply<Profile>> replyTo)
      implements Command {}

  /** A channel or a transfer asks the operator to take a conversation. */
  public record Offer(String conversationId, String channelId, ActorRef<OfferAnswer> replyTo)
      implements Command {}

  /** The conversation recorded this operator as its operator. */
  public record AssignmentConfirmed(String conversationId) implements Command {}

  /** The conversation went to another operator or was closed: the slot is free again. */
  public record AssignmentDeclined(String conversationId) implements Command {}

  /** The conversation closed or was transferred away: free its slot. */
  public record ReleaseConversation(String conversationId, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /** Sends the watcher this operator's {@link Update}s until it stops or unwatches. */
  public record Watch(ActorRef<Update> watcher) implements Command {}

  public record Unwatch(ActorRef<Update> watcher) implements Command {}

  record WatcherGone(ActorRef<Update> watcher) implements Command {}

  record CheckInactivity() implements Command {}

  record CheckReservation(String conversationId) implements Command {}

  record ReservationChecked(String conversationId, Conversation.AssignmentAnswer answer)
      implements Command {}

  record ChannelAnswered(
      String channelId, ActorRef<StatusReply<Profile>> replyTo, Throwable failure)
      implements Command {}

  public record Profile(
      String id,
      String login,
      String name,
      String onlineChatName,
      String displayName,
      String mainLanguage,
      List<String> chatLanguages,
      int capacity,
      List<String> channels,
      List<String> conversations,
      List<String> recentConversations,
      boolean online,
      Instant lastActivity,
      boolean disabled,
      long tokenVersion)
      implements CborSerializable {}

  /** A login's password hash, whether the account is disabled, and the token version. */
  public record Credentials(String passwordHash, boolean disabled, long tokenVersion)
      implements CborSerializable {}

  public record TokenVersion(long version) implements CborSerializable {}

  /** What an operator's watchers (its open sessions) are told. */
  public sealed interface Update extends CborSerializable {}

  /** A conversation is now this operator's. */
  public record ConversationGiven(String conversationId) implements Update {}

  /** The channels the operator is in changed; {@code reason} is joined, left or inactivity. */
  public record ChannelsChanged(List<String> channels, String reason) implements Update {}

  /** Tokens older than {@code tokenVersion} no longer work; {@code reason} says why. */
  public record TokensEnded(long tokenVersion, String reason) implements Update {}

  public sealed interface OfferAnswer extends CborSerializable {}

  public record OfferAccepted(MemberView view, String displayName) implements OfferAnswer {}

  public record OfferRefused(String operatorId, Refusal reason, MemberView view)
      implements OfferAnswer {}

  /** Why an operator refused an offer. */
  public enum Refusal {
    NOT_REGISTERED,
    NOT_A_MEMBER,
    AT_CAPACITY
  }

  // ---------------------------------------------------------------- events

  public sealed interface Event extends CborSerializable {}

  /** The tag of {@link OperatorRegistered}, from which the read side lists operators. */
  public static final String REGISTERED_TAG = "operator-registered";

  public record OperatorRegistered(
      String login, String name, String passwordHash, String mainLanguage, int capacity, Instant at)
      implements Event {}

  public record AccountUpdated(String name, int capacity, String passwordHash) implements Event {}

  public record PreferencesUpdated(
      String onlineChatName, String mainLanguage, List<String> chatLanguages, Instant at)
      implements Event {}

  public record ActivityRecorded(Instant at) implements Event {}

  public record ChannelJoined(String channelId, Instant at) implements Event {}

  public record ChannelLeft(String channelId, Instant at) implements Event {}

  public record Disconnected(String reason, List<String> channels, Instant at) implements Event {}

  public record ConversationReserved(String conversationId, String channelId, Instant at)
      implements Event {}

  public record ConversationReleased(String conversationId, Instant at) implements Event {}

  /** Tokens issued before carry an older version and no longer work. */
  public record TokensRevoked(long version, String reason, Instant at) implements Event {}

  public record OperatorDisabled(Instant at) implements Event {}

  public record OperatorEnabled(Instant at) implements Event {}

  // ---------------------------------------------------------------- state

  public sealed interface State extends CborSerializable {}

  public record Unregistered() implements State {}

  /**
   * A registered operator. {@code conversations} maps each held conversation to its channel; {@code
   * recent} lists the last conversations it was given, newest last, held or not; {@code
   * lastActivity} is the last activity written to the journal.
   */
  public record Registered(
      String login,
      String name,
      String passwordHash,
      String onlineChatName,
      String mainLanguage,
      List<String> chatLanguages,
      int capacity,
      List<String> channels,
      Map<String, String> conversations,
      List<String> recent,
      Instant lastActivity,
      boolean online,
      boolean disabled,
      long tokenVersion)
      implements State {

    public String displayName() {
      return onlineChatName == null ? name : onlineChatName;
    }

    public int active() {
      return conversations.size();
    }

    Registered active(Instant at) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          channels,
          conversations,
          recent,
          at,
          true,
          disabled,
          tokenVersion);
    }

    Registered withChannels(List<String> newChannels) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          List.copyOf(newChannels),
          conversations,
          recent,
          lastActivity,
          online,
          disabled,
          tokenVersion);
    }

    Registered withConversations(Map<String, String> newConversations, List<String> newRecent) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          channels,
          Map.copyOf(newConversations),
          List.copyOf(newRecent),
          lastActivity,
          online,
          disabled,
          tokenVersion);
    }

    Registered withAccess(boolean newDisabled, long newTokenVersion) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          channels,
          conversations,
          recent,
          lastActivity,
          online,
          newDisabled,
          newTokenVersion);
    }
  }

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

  /** Activity seen since the last one written (written at most once per activity-resolution). */
  private Instant unwrittenActivity = Instant.MIN;

  /** Held conversations whose assignment the conversation has not confirmed yet. */
  private final Set<String> unconfirmed = new HashSet<>();

  /** The operator's open sessions. */
  private final Set<ActorRef<Update>> watchers = new LinkedHashSet<>();

  private Operator(
      String operatorId,
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), operatorId));
    this.operatorId = operatorId;
    this.context = context;
    this.timers = timers;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.shard = shard;
  }

  /** An operator outside sharding (a unit test): nothing passivates it. */
  public static Behavior<Command> create(
      String operatorId, EntityDirectory directory, EngineSettings settings, Clock clock) {
    return create(operatorId, directory, settings, clock, null);
  }

  static Behavior<Command> create(
      String operatorId,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock,
      ActorRef<ClusterSharding.ShardCommand> shard) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new Operator(operatorId, context, timers, directory, settings, clock, shard)));
  }

  /**
   * Registers the entity with Cluster Sharding. Operators are remembered entities: an online
   * operator keeps running, and is started again wherever its shard moves, so that its inactivity
   * timer keeps running.
   */
  public static void init(
      ActorSystem<?> system, EntityDirectory directory, EngineSettings settings, Clock clock) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                    ENTITY_TYPE_KEY,
                    context ->
                        create(
                            context.getEntityId(), directory, settings, clock, context.getShard()))
                .withSettings(RememberedEntities.settings(system)));
  }

  @Override
  public State emptyState() {
    return new Unregistered();
  }

  /** The read side lists operators from their registrations; no other event is tagged. */
  @Override
  public Set<String> tagsFor(Event event) {
    return event instanceof OperatorRegistered ? Set.of(REGISTERED_TAG) : Set.of();
  }

  /** An operator runs for years: recovery starts from a recent snapshot, not from its first day. */
  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .build();
  }

  private void onRecovered(State state) {
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
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
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

  private ReplyEffect<Event, State> onRegister(Unregistered state, Register command) {
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

  private ReplyEffect<Event, State> onGetProfile(Registered state, GetProfile command) {
    return persistThenReply(
        catchUp(state), command.replyTo(), after -> StatusReply.success(profile(after)));
  }

  private ReplyEffect<Event, State> onUpdateAccount(Registered state, UpdateAccount command) {
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
    List<Event> events = catchUp(state);
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
  private List<Event> accessChanges(Registered current, UpdateAccount command) {
    Instant now = clock.instant();
    List<Event> events = new ArrayList<>();
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

  private ReplyEffect<Event, State> onRevokeTokens(Registered state, RevokeTokens command) {
    List<Event> events = catchUp(state);
    events.add(new TokensRevoked(state.tokenVersion() + 1, command.reason(), clock.instant()));
    return write(events)
        .thenRun(after -> afterRevocation((Registered) after, events))
        .thenReply(
            command.replyTo(),
            after -> StatusReply.success(new TokenVersion(((Registered) after).tokenVersion())));
  }

  /** Tells the operator's sessions, and every node's cache of token versions, of a revocation. */
  private void afterRevocation(Registered state, List<Event> events) {
    for (Event event : events) {
      if (event instanceof TokensRevoked revoked) {
        publish(new TokensEnded(state.tokenVersion(), revoked.reason()));
        TokenRevocations.get(context.getSystem()).publish(operatorId, state.tokenVersion());
      }
    }
  }

  private ReplyEffect<Event, State> onUpdatePreferences(
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
    List<Event> events = catchUp(state);
    events.add(
        new PreferencesUpdated(onlineChatName, mainLanguage, chatLanguages, clock.instant()));
    String displayNameBefore = state.displayName();
    return write(events)
        .thenRun(after -> afterProfileChange((Registered) after, displayNameBefore))
        .thenReply(command.replyTo(), after -> StatusReply.success(profile(after)));
  }

  private ReplyEffect<Event, State> onRecordActivity(Registered state, RecordActivity command) {
    if (state.disabled()) {
      return Effect().reply(command.replyTo(), StatusReply.ack());
    }
    Instant now = clock.instant();
    List<Event> events = catchUp(state);
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

  private ReplyEffect<Event, State> onJoinChannel(Registered state, JoinChannel command) {
    if (state.disabled()) {
      return Effect()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.forbidden("operator_disabled", "This operator is disabled.")));
    }
    List<Event> events = catchUp(state);
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

  private ReplyEffect<Event, State> onChannelAnswered(Registered state, ChannelAnswered answer) {
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

  private ReplyEffect<Event, State> onLeaveChannel(Registered state, LeaveChannel command) {
    List<Event> events = catchUp(state);
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

  private ReplyEffect<Event, State> onOffer(Registered state, Offer offer) {
    List<Event> events = catchUp(state);
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

  private ReplyEffect<Event, State> onAssignmentConfirmed(
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

  private ReplyEffect<Event, State> onWatch(Registered state, Watch watch) {
    if (watchers.add(watch.watcher())) {
      context.watchWith(watch.watcher(), new WatcherGone(watch.watcher()));
    }
    return Effect().none().thenNoReply();
  }

  private ReplyEffect<Event, State> unwatch(ActorRef<Update> watcher) {
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

  private ReplyEffect<Event, State> onReleaseConversation(
      Registered state, ReleaseConversation command) {
    if (!state.conversations().containsKey(command.conversationId())) {
      return Effect().reply(command.replyTo(), StatusReply.ack());
    }
    return Effect()
        .persist(new ConversationReleased(command.conversationId(), clock.instant()))
        .thenRun(after -> afterRelease((Registered) after, command.conversationId()))
        .thenReply(command.replyTo(), after -> StatusReply.ack());
  }

  private ReplyEffect<Event, State> release(Registered state, String conversationId) {
    if (!state.conversations().containsKey(conversationId)) {
      return Effect().none().thenNoReply();
    }
    return Effect()
        .persist(new ConversationReleased(conversationId, clock.instant()))
        .thenRun(after -> afterRelease((Registered) after, conversationId))
        .thenNoReply();
  }

  private ReplyEffect<Event, State> onCheckInactivity(Registered state, CheckInactivity check) {
    if (!state.online()) {
      return Effect().none().thenNoReply();
    }
    List<Event> events = catchUp(state);
    if (events.isEmpty() && unwrittenActivity.isAfter(state.lastActivity())) {
      events.add(new ActivityRecorded(unwrittenActivity));
    }
    return write(events).thenRun(this::afterActivity).thenNoReply();
  }

  private ReplyEffect<Event, State> onCheckReservation(Registered state, CheckReservation check) {
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

  private ReplyEffect<Event, State> onReservationChecked(
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
  public EventHandler<State, Event> eventHandler() {
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
  private List<Event> catchUp(Registered state) {
    List<Event> events = new ArrayList<>();
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

  private void afterActivity(State state) {
    if (state instanceof Registered operator) {
      armInactivityTimer(operator);
    }
  }

  private void armInactivityTimer(State state) {
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
  private EffectBuilder<Event, State> write(List<Event> events) {
    return Effect().persist(events).thenRun(after -> afterDisconnect(events));
  }

  private <R> ReplyEffect<Event, State> persistThenReply(
      List<Event> events, ActorRef<R> replyTo, Function<State, R> reply) {
    return write(events).thenReply(replyTo, reply::apply);
  }

  private void afterDisconnect(List<Event> events) {
    for (Event event : events) {
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

  private Profile profile(State state) {
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

  private Registered apply(Registered state, List<Event> events) {
    State result = state;
    for (Event event : events) {
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
  private <T> ReplyEffect<Event, State> notFound(ActorRef<StatusReply<T>> replyTo) {
    passivate();
    return Effect()
        .reply(
            replyTo,
            StatusReply.error(
                Rejection.notFound("unknown_operator", "There is no operator with this id.")));
  }
}
