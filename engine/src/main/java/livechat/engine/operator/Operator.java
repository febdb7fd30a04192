package livechat.engine.operator;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import livechat.engine.CborSerializable;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.MemberView;
import livechat.engine.RememberedEntities;
import livechat.engine.conversation.Conversation;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;

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
public final class Operator {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Operator");

  private Operator() {}

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
                    new OperatorEntity(
                        operatorId, context, timers, directory, settings, clock, shard)));
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
}
