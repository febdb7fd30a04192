package livechat.engine.channel;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import livechat.engine.CborSerializable;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.MemberView;
import livechat.engine.RememberedEntities;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
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
 * A channel: its members with the router's view of each, and the FIFO queue of conversations
 * waiting for an operator.
 *
 * <p>A new conversation that finds nobody waiting (stored, or on its way into the queue) is offered
 * at once to the best member, and opened with the operator that accepts it; one that finds the
 * queue in use, or no member with room, or whose member refuses, joins the tail of the queue. The
 * channel drains the queue from its head: in queue order, it offers each conversation to the best
 * member by the {@link Router}, counting the offers still out as load ({@link OffersInFlight}), up
 * to {@code routing.max-offers-in-flight} at once; a refusal moves the offer to the next best. When
 * nobody can take a conversation, it waits, and so does everyone behind it. A member's freed slot,
 * a join or a raised capacity (any {@link UpdateMember}) drains again. A starter hears what became
 * of its conversation once it was offered and answered, or once it waits. Waiting conversations are
 * told their position when it changes, coalesced over {@link #POSITION_UPDATE_DELAY}.
 *
 * <p>The channel stores its members and its queue. A member's load as it changes within its room,
 * and when it was last given a conversation, are kept in memory ({@link MemberLoads}): a start
 * opened with its operator is answered without a write of the channel. Changes that arrive while a
 * write is under way are written together in the next one: under a burst of starts and answers the
 * channel writes once per round trip, not once per change.
 */
public final class Channel {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Channel");

  static final Duration POSITION_UPDATE_DELAY = Duration.ofMillis(200);

  private Channel() {}

  public static Behavior<Command> create(
      String channelId, EntityDirectory directory, EngineSettings settings, Clock clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new ChannelEntity(channelId, context, timers, directory, settings, clock)));
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

  /** A visitor's start, as the channel carries it until its conversation is queued or assigned. */
  record Start(
      String conversationId,
      int visitorNumber,
      Conversation.Visitor visitor,
      ActorRef<StatusReply<Started>> replyTo,
      Instant startedAt) {}

  /** The conversation was opened to wait in the queue, or failed to. */
  record ConversationOpened(Start start, Throwable failure) implements Command {}

  /**
   * The conversation offered to a member at its start was opened with the operator that accepted
   * it, or failed to.
   */
  record OpenedWithOperator(
      Start start, String operatorId, Operator.OfferAccepted accepted, Throwable failure)
      implements Command {}

  record OfferAnswered(String conversationId, String operatorId, Operator.OfferAnswer answer)
      implements Command {}

  record DrainQueue() implements Command {}

  /** Time to store the changes gathered since the last write. */
  record WritePending() implements Command {}

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
      implements CborSerializable {

    /** The conversation is open with its operator. */
    static Started active(String conversationId, String operatorDisplayName) {
      return new Started(conversationId, "active", operatorDisplayName, null);
    }

    /** The conversation waits in the queue at this position, counted from 1. */
    static Started waiting(String conversationId, int queuePosition) {
      return new Started(conversationId, "waiting", null, queuePosition);
    }
  }
}
