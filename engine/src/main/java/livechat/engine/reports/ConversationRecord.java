package livechat.engine.reports;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.OperatorAssigned;
import livechat.engine.conversation.ConversationEvent.Rated;
import livechat.engine.conversation.ConversationEvent.Transferred;

/**
 * One conversation as the read side knows it, folded from its lifecycle events: where and when it
 * started, its status and (last) operator, and, once closed, its message counts and times. {@code
 * sequenceNr} is the journal position of the last event applied, so that an event delivered again
 * changes nothing. Message counts and times are null until the conversation closes.
 */
public record ConversationRecord(
    String conversationId,
    long sequenceNr,
    String channelId,
    String visitorName,
    String visitorLanguage,
    String status,
    String operatorId,
    String operatorDisplayName,
    Instant startedAt,
    Instant closedAt,
    Instant firstVisitorMessageAt,
    Instant firstAnswerAt,
    Integer visitorMessages,
    Integer operatorMessages,
    Long lastSeq,
    Integer rating) {

  public static ConversationRecord opened(
      String conversationId, long sequenceNr, ConversationOpened opened) {
    return new ConversationRecord(
        conversationId,
        sequenceNr,
        opened.channelId(),
        opened.visitor().name(),
        opened.visitor().language(),
        "waiting",
        null,
        null,
        opened.at(),
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }

  /** The record after the event at {@code sequenceNr}; itself when it had applied it already. */
  public ConversationRecord after(ConversationEvent event, long sequenceNr) {
    if (sequenceNr <= this.sequenceNr) {
      return this;
    }
    ConversationRecord r = this;
    if (event instanceof OperatorAssigned e) {
      r = withOperator("active", e.operatorId(), e.displayName());
    } else if (event instanceof Transferred e) {
      r =
          withOperator(
              status.equals("closed") ? status : "active", e.toOperatorId(), e.displayName());
    } else if (event instanceof Closed e) {
      r =
          new ConversationRecord(
              conversationId,
              sequenceNr,
              channelId,
              visitorName,
              visitorLanguage,
              "closed",
              operatorId,
              operatorDisplayName,
              startedAt,
              e.at(),
              e.firstVisitorMessageAt(),
              e.firstAnswerAt(),
              e.visitorMessages(),
              e.operatorMessages(),
              e.lastSeq(),
              rating);
    } else if (event instanceof Rated e) {
      r = withRating(e.value());
    }
    return r.at(sequenceNr);
  }

  /** The UTC day the conversation started: the partition of the lists it is in. */
  public LocalDate startDay() {
    return LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
  }

  public boolean isClosed() {
    return "closed".equals(status);
  }

  /** Closed after an operator wrote; false while open or when the counts are unknown. */
  public boolean answered() {
    return isClosed() && operatorMessages != null && operatorMessages > 0;
  }

  /** Closed without any operator message. */
  public boolean missed() {
    return isClosed() && operatorMessages != null && operatorMessages == 0;
  }

  /** Visitor and operator messages (system messages not counted); 0 until closed. */
  public long messages() {
    return (visitorMessages == null ? 0 : visitorMessages)
        + (operatorMessages == null ? 0 : operatorMessages);
  }

  /** From the visitor's first message to the first operator message after it; null if none. */
  public Duration firstAnswer() {
    return firstVisitorMessageAt == null || firstAnswerAt == null
        ? null
        : Duration.between(firstVisitorMessageAt, firstAnswerAt);
  }

  /** From the start to the close; null while open. */
  public Duration duration() {
    return closedAt == null ? null : Duration.between(startedAt, closedAt);
  }

  private ConversationRecord withOperator(String newStatus, String id, String displayName) {
    return new ConversationRecord(
        conversationId,
        sequenceNr,
        channelId,
        visitorName,
        visitorLanguage,
        newStatus,
        id,
        displayName,
        startedAt,
        closedAt,
        firstVisitorMessageAt,
        firstAnswerAt,
        visitorMessages,
        operatorMessages,
        lastSeq,
        rating);
  }

  private ConversationRecord withRating(int value) {
    return new ConversationRecord(
        conversationId,
        sequenceNr,
        channelId,
        visitorName,
        visitorLanguage,
        status,
        operatorId,
        operatorDisplayName,
        startedAt,
        closedAt,
        firstVisitorMessageAt,
        firstAnswerAt,
        visitorMessages,
        operatorMessages,
        lastSeq,
        value);
  }

  private ConversationRecord at(long newSequenceNr) {
    return new ConversationRecord(
        conversationId,
        newSequenceNr,
        channelId,
        visitorName,
        visitorLanguage,
        status,
        operatorId,
        operatorDisplayName,
        startedAt,
        closedAt,
        firstVisitorMessageAt,
        firstAnswerAt,
        visitorMessages,
        operatorMessages,
        lastSeq,
        rating);
  }
}
