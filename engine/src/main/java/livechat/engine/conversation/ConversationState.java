package livechat.engine.conversation;

import static livechat.engine.conversation.Conversation.ACTIVE;
import static livechat.engine.conversation.Conversation.CLOSED;
import static livechat.engine.conversation.Conversation.WAITING;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import livechat.engine.CborSerializable;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.Visitor;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationEvent.OperatorAssigned;
import livechat.engine.conversation.ConversationEvent.OperatorRenamed;
import livechat.engine.conversation.ConversationEvent.Rated;
import livechat.engine.conversation.ConversationEvent.SeenMoved;
import livechat.engine.conversation.ConversationEvent.Transferred;

/** What a conversation knows between commands, rebuilt from its events. */
public sealed interface ConversationState extends CborSerializable {

  /** How many messages apart the journal positions of messages are remembered. */
  int CHECKPOINT_EVERY = 100;

  record NotOpened() implements ConversationState {}

  /**
   * An open conversation. Its size does not grow with its messages, bar a number per hundred
   * messages and one per system message: it keeps the {@code recent} messages only (at most {@code
   * livechat.conversation.recent-messages}, oldest first), which also serve as the window in which
   * a repeated {@code clientMessageId} is recognised. Unread counts follow from {@code lastSeq},
   * the seen pointers and the {@code seq} of system messages, which nobody reads as unread. Older
   * messages are in the journal: {@code otherEvents} counts the events that are not messages, so
   * that each message knows its own journal sequence number, and {@code checkpoints} remembers it
   * for every hundredth message. The time of the visitor's first message, of the first operator
   * message after it and the count of each side's messages go on the {@code Closed} event for the
   * read side (null and 0 in snapshots taken before they were counted).
   */
  record Opened(
      String channelId,
      Visitor visitor,
      String status,
      String operatorId,
      String operatorDisplayName,
      long lastSeq,
      List<Message> recent,
      List<Long> systemSeqs,
      long otherEvents,
      List<Checkpoint> checkpoints,
      Map<String, Long> seen,
      Integer rating,
      String ratingComment,
      Instant lastActivityAt,
      Instant firstVisitorMessageAt,
      Instant firstAnswerAt,
      int visitorMessages,
      int operatorMessages)
      implements ConversationState {

    boolean isClosed() {
      return status.equals(CLOSED);
    }

    boolean isWaiting() {
      return status.equals(WAITING);
    }

    Message lastMessage() {
      return recent.isEmpty() ? null : recent.get(recent.size() - 1);
    }

    /** The {@code seq} a recent message with this {@code clientMessageId} took, or null. */
    Long seqOfClientMessage(String clientMessageId) {
      // every send looks through all recent messages: the hashes, cached in the strings, spare
      // reading the characters of all but a match
      int hash = clientMessageId.hashCode();
      for (int i = recent.size() - 1; i >= 0; i--) {
        String other = recent.get(i).clientMessageId();
        if (other != null && other.hashCode() == hash && other.equals(clientMessageId)) {
          return recent.get(i).seq();
        }
      }
      return null;
    }

    /** Whether every message after {@code afterSeq} is among the recent ones. */
    boolean holdsEverythingAfter(long afterSeq) {
      return recent.isEmpty() || afterSeq >= recent.get(0).seq() - 1;
    }

    /** Recent messages after {@code afterSeq}: at most {@code limit}, and {@code maxChars}. */
    List<Message> recentAfter(long afterSeq, int limit, int maxChars) {
      List<Message> page = new ArrayList<>();
      int chars = 0;
      for (Message message : recent) {
        if (message.seq() <= afterSeq) {
          continue;
        }
        chars += message.text().length();
        if (page.size() == limit || (!page.isEmpty() && chars > maxChars)) {
          break;
        }
        page.add(message);
      }
      return page;
    }

    /**
     * A journal sequence number at or before the event of message {@code afterSeq + 1}: from there
     * on, the journal holds every message after {@code afterSeq}.
     */
    long journalPositionAfter(long afterSeq) {
      long position = afterSeq + 1;
      for (Checkpoint checkpoint : checkpoints) {
        if (checkpoint.seq() > afterSeq + 1) {
          break;
        }
        position = checkpoint.sequenceNr();
      }
      return position;
    }

    /** Messages after the viewer's seen pointer that others wrote; system messages do not count. */
    int unread(String viewerKey) {
      long seenUpTo = viewerKey == null ? lastSeq : seen.getOrDefault(viewerKey, 0L);
      // a participant has seen what it writes, so nothing after its pointer is its own
      long system = systemSeqs.stream().filter(seq -> seq > seenUpTo).count();
      return (int) Math.max(0, lastSeq - seenUpTo - system);
    }

    Opened apply(ConversationEvent event, int recentLimit) {
      if (event instanceof MessageAdded e) {
        return withMessage(e.message(), recentLimit);
      }
      Opened changed = this;
      if (event instanceof OperatorAssigned e) {
        changed = with(ACTIVE, e.operatorId(), e.displayName(), e.at());
      } else if (event instanceof OperatorRenamed e) {
        changed = with(status, operatorId, e.displayName(), lastActivityAt);
      } else if (event instanceof Transferred e) {
        changed = with(ACTIVE, e.toOperatorId(), e.displayName(), e.at());
      } else if (event instanceof Closed e) {
        changed = with(CLOSED, operatorId, operatorDisplayName, e.at());
      } else if (event instanceof SeenMoved e) {
        changed = withSeen(e.participant(), e.seq());
      } else if (event instanceof Rated e) {
        changed = withRating(e.value(), e.comment());
      }
      return changed.counted();
    }

    static Opened opened(ConversationOpened e) {
      return new Opened(
          e.channelId(),
          e.visitor(),
          WAITING,
          null,
          null,
          0,
          List.of(),
          List.of(),
          1,
          List.of(),
          Map.of(),
          null,
          null,
          e.at(),
          null,
          null,
          0,
          0);
    }

    private Opened withMessage(Message message, int recentLimit) {
      List<Long> system = systemSeqs;
      Map<String, Long> newSeen = seen;
      if (message.author().kind().equals("system")) {
        system = new ArrayList<>(systemSeqs);
        system.add(message.seq());
        system = List.copyOf(system);
      } else {
        // a participant has seen what it writes
        newSeen = new HashMap<>(seen);
        newSeen.merge(message.author().key(), message.seq(), Math::max);
        newSeen = Map.copyOf(newSeen);
      }
      Instant visitorAt = firstVisitorMessageAt;
      Instant answerAt = firstAnswerAt;
      int visitorCount = visitorMessages;
      int operatorCount = operatorMessages;
      if (message.author().kind().equals("visitor")) {
        visitorCount++;
        visitorAt = visitorAt == null ? message.at() : visitorAt;
      } else if (message.author().kind().equals("operator")) {
        operatorCount++;
        // the first answer is the first operator message after the visitor wrote
        answerAt = answerAt == null && visitorAt != null ? message.at() : answerAt;
      }
      List<Checkpoint> newCheckpoints = checkpoints;
      if (message.seq() % CHECKPOINT_EVERY == 1) {
        newCheckpoints = new ArrayList<>(checkpoints);
        newCheckpoints.add(new Checkpoint(message.seq(), message.seq() + otherEvents));
        newCheckpoints = List.copyOf(newCheckpoints);
      }
      return new Opened(
          channelId,
          visitor,
          status,
          operatorId,
          operatorDisplayName,
          message.seq(),
          RecentMessages.append(recent, message, recentLimit),
          system,
          otherEvents,
          newCheckpoints,
          newSeen,
          rating,
          ratingComment,
          message.at(),
          visitorAt,
          answerAt,
          visitorCount,
          operatorCount);
    }

    private Opened with(String newStatus, String newOperatorId, String newDisplayName, Instant at) {
      return new Opened(
          channelId,
          visitor,
          newStatus,
          newOperatorId,
          newDisplayName,
          lastSeq,
          recent,
          systemSeqs,
          otherEvents,
          checkpoints,
          seen,
          rating,
          ratingComment,
          at,
          firstVisitorMessageAt,
          firstAnswerAt,
          visitorMessages,
          operatorMessages);
    }

    private Opened withSeen(String participant, long seq) {
      Map<String, Long> newSeen = new HashMap<>(seen);
      newSeen.merge(participant, seq, Math::max);
      return new Opened(
          channelId,
          visitor,
          status,
          operatorId,
          operatorDisplayName,
          lastSeq,
          recent,
          systemSeqs,
          otherEvents,
          checkpoints,
          Map.copyOf(newSeen),
          rating,
          ratingComment,
          lastActivityAt,
          firstVisitorMessageAt,
          firstAnswerAt,
          visitorMessages,
          operatorMessages);
    }

    private Opened withRating(int value, String comment) {
      return new Opened(
          channelId,
          visitor,
          status,
          operatorId,
          operatorDisplayName,
          lastSeq,
          recent,
          systemSeqs,
          otherEvents,
          checkpoints,
          seen,
          value,
          comment,
          lastActivityAt,
          firstVisitorMessageAt,
          firstAnswerAt,
          visitorMessages,
          operatorMessages);
    }

    /** One more event that is not a message. */
    private Opened counted() {
      return new Opened(
          channelId,
          visitor,
          status,
          operatorId,
          operatorDisplayName,
          lastSeq,
          recent,
          systemSeqs,
          otherEvents + 1,
          checkpoints,
          seen,
          rating,
          ratingComment,
          lastActivityAt,
          firstVisitorMessageAt,
          firstAnswerAt,
          visitorMessages,
          operatorMessages);
    }
  }

  /** Message {@code seq} is the event at {@code sequenceNr} in the conversation's journal. */
  record Checkpoint(long seq, long sequenceNr) implements CborSerializable {}
}
