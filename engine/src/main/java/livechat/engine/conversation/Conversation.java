package livechat.engine.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import livechat.engine.CborSerializable;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
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
 * A conversation between a visitor and an operator: its status ({@code waiting}, {@code active},
 * {@code closed}), its operator, and its messages with a gap-free {@code seq} from 1. This class
 * holds what other actors and the HTTP edge say to it and hear from it; {@link ConversationEntity}
 * is its behaviour, {@link ConversationEvent} and {@link ConversationState} what it stores.
 *
 * <p>It is the single writer of its own assignment: the first operator it is assigned to keeps it;
 * any other claim is declined, and that operator frees its slot. A retried send that carries the
 * {@code clientMessageId} of one of the recent messages returns the first {@code seq} and stores
 * nothing. Each participant has a seen pointer from which its unread count follows. Subscribers
 * name the last {@code seq} they saw and receive what they missed of the recent messages, then
 * every update as it happens; older messages are read from the journal by {@link
 * ConversationHistory}.
 */
public final class Conversation {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Conversation");

  static final int MAX_TEXT_LENGTH = 4000;
  static final int MAX_PAGE = 500;

  /** A reply stays well under a remote frame (256 KiB) even in three-byte characters. */
  static final int MAX_REPLY_CHARS = 32_000;

  static final String WAITING = "waiting";
  static final String ACTIVE = "active";
  static final String CLOSED = "closed";

  private Conversation() {}

  public static Behavior<Command> create(
      String conversationId, EntityDirectory directory, EngineSettings settings, Clock clock) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new ConversationEntity(
                        conversationId, context, timers, directory, settings, clock)));
  }

  public static void init(
      ActorSystem<?> system, EntityDirectory directory, EngineSettings settings, Clock clock) {
    ClusterSharding.get(system)
        .init(
            Entity.of(
                ENTITY_TYPE_KEY,
                context -> create(context.getEntityId(), directory, settings, clock)));
  }

  // ---------------------------------------------------------------- values

  public record Visitor(String name, String language, String pageUrl) implements CborSerializable {}

  /** Who takes part: the visitor, or an operator by id. */
  public record Participant(String kind, String operatorId) implements CborSerializable {
    public static Participant visitor() {
      return new Participant("visitor", null);
    }

    public static Participant operator(String operatorId) {
      return new Participant("operator", operatorId);
    }

    public boolean isVisitor() {
      return kind.equals("visitor");
    }

    /** A stable key: {@code visitor} or {@code operator:<id>}. */
    public String key() {
      return isVisitor() ? "visitor" : "operator:" + operatorId;
    }
  }

  /** Who wrote a message: {@code kind} is visitor, operator or system. */
  public record Author(String kind, String operatorId, String displayName)
      implements CborSerializable {
    static Author system() {
      return new Author("system", null, "System");
    }

    String key() {
      return kind.equals("operator") ? "operator:" + operatorId : kind;
    }
  }

  public record Message(long seq, Author author, String text, Instant at, String clientMessageId)
      implements CborSerializable {}

  // ---------------------------------------------------------------- protocol

  public sealed interface Command extends CborSerializable {}

  /**
   * The channel opens the conversation for a visitor: waiting, or already taken by the operator
   * that accepted it ({@code operatorId} and {@code operatorDisplayName} not null), in one write.
   * Repeating it changes nothing; asking again with another operator is a conflict.
   */
  public record Open(
      String channelId,
      Visitor visitor,
      String operatorId,
      String operatorDisplayName,
      ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  /**
   * The channel is about to open this new conversation: woken now, it reads what it has stored
   * (nothing) while the channel's offer is out, rather than after. Changes nothing.
   */
  public record Prepare() implements Command {}

  /**
   * An operator that accepted the conversation claims it: the channel on the operator's behalf
   * ({@code replyTo} null), or the operator itself to check its reservation.
   */
  public record AssignOperator(
      String operatorId, String displayName, String channelId, ActorRef<AssignmentAnswer> replyTo)
      implements Command {}

  public sealed interface AssignmentAnswer extends CborSerializable {}

  public record Assigned() implements AssignmentAnswer {}

  public record Declined(String reason) implements AssignmentAnswer {}

  /** The channel's queue moved; {@code position} is 1-based. */
  public record QueuePositionChanged(int position) implements Command {}

  public record RenameOperator(String operatorId, String displayName) implements Command {}

  /**
   * A message from a participant, written under the name it has now: the visitor's name or the
   * operator's display name. {@code clientMessageId} may be null (no retry protection).
   */
  public record SendMessage(
      Participant from,
      String text,
      String clientMessageId,
      ActorRef<StatusReply<MessageAccepted>> replyTo)
      implements Command {}

  /** {@code duplicate} when the {@code clientMessageId} had been sent before. */
  public record MessageAccepted(long seq, boolean duplicate) implements CborSerializable {}

  public record MarkSeen(Participant by, long seq, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Close(Participant by, ActorRef<StatusReply<View>> replyTo) implements Command {}

  public record Transfer(Participant by, String toOperatorId, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  public record Rate(int value, String comment, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record Typing(Participant by) implements Command {}

  /**
   * Sends {@code subscriber} every message after {@code afterSeq}, then live updates, for as long
   * as {@code by} may read the conversation (its visitor, or the operator it is assigned to).
   */
  public record Subscribe(long afterSeq, Participant by, ActorRef<Update> subscriber)
      implements Command {}

  public record Unsubscribe(ActorRef<Update> subscriber) implements Command {}

  /** The conversation as {@code viewer} sees it (its unread count); viewer may be null. */
  public record GetView(Participant viewer, ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  /** Messages after {@code afterSeq}, in {@code seq} order; see {@link Messages}. */
  public record GetMessages(long afterSeq, int limit, ActorRef<StatusReply<Messages>> replyTo)
      implements Command {}

  record OperatorReleased(
      String operatorId,
      Participant by,
      ActorRef<StatusReply<View>> replyTo,
      int attempt,
      Throwable failure)
      implements Command {}

  record TransferAnswered(
      Participant by,
      String fromOperatorId,
      String toOperatorId,
      Operator.OfferAnswer answer,
      ActorRef<StatusReply<View>> replyTo)
      implements Command {}

  record SubscriberGone(ActorRef<Update> subscriber) implements Command {}

  /** Time to check that a waiting conversation's visitor is still there. */
  record CheckVisitorPresent() implements Command {}

  public record View(
      String id,
      String channelId,
      String status,
      Visitor visitor,
      String operatorId,
      String operatorDisplayName,
      long lastSeq,
      Integer queuePosition,
      Message lastMessage,
      int unread,
      Map<String, Long> seen,
      Integer rating,
      String ratingComment,
      Instant lastActivityAt)
      implements CborSerializable {}

  /**
   * At most the {@code limit} asked for, and at most {@link #MAX_REPLY_CHARS} characters of text so
   * that a reply fits a remote frame. {@code readJournalFrom} is 0 when the messages come from
   * those the conversation keeps in memory; otherwise it holds none and the messages after {@code
   * afterSeq} are read from the journal, from that sequence number on ({@link ConversationHistory}
   * does). {@code lastSeq} tells whether more follow.
   */
  public record Messages(List<Message> messages, long lastSeq, long readJournalFrom)
      implements CborSerializable {}

  /** What subscribers receive. */
  public sealed interface Update extends CborSerializable {}

  public record MessagePosted(String conversationId, Message message) implements Update {}

  /** The subscriber may not, or no longer, read the conversation: nothing more comes. */
  public record SubscriptionEnded(String conversationId) implements Update {}

  /**
   * The conversation's status; {@code lastSeq} tells a new subscriber where it stands. {@code
   * rating} is the visitor's, once given (null before).
   */
  public record StatusChanged(
      String conversationId,
      String status,
      String operatorDisplayName,
      Integer queuePosition,
      long lastSeq,
      Integer rating,
      String ratingComment)
      implements Update {}

  public record TypingStarted(String conversationId, Author author) implements Update {}
}
