package livechat.readside;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.reports.ConversationRecord;
import org.apache.pekko.Done;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * Applies a conversation's lifecycle events to the conversation tables: the events of a batch that
 * belong to one conversation are applied to its record together, read at most once (not at all when
 * they begin with its opening) and written once (a conversation opened with its operator brings two
 * events at once), and the conversations of a batch are written at the same time. Each record
 * remembers the journal position of the last event applied to it, so an event delivered again is
 * skipped. A conversation opened before its events were tagged has no record: its later events are
 * skipped too, and it is in no list or report.
 */
final class ConversationProjection implements TagFollower.BatchHandler {

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.done());
  private static final CompletionStage<Optional<ConversationRecord>> NO_RECORD =
      CompletableFuture.completedFuture(Optional.empty());

  private final ConversationTables tables;

  ConversationProjection(ConversationTables tables) {
    this.tables = tables;
  }

  @Override
  public CompletionStage<Done> applyAll(List<EventEnvelope> envelopes) {
    Map<String, List<EventEnvelope>> byConversation = new LinkedHashMap<>();
    for (EventEnvelope envelope : envelopes) {
      if (envelope.event() instanceof ConversationEvent event
          && ConversationEvent.isLifecycle(event)) {
        String conversationId = PersistenceId.ofUniqueId(envelope.persistenceId()).entityId();
        byConversation.computeIfAbsent(conversationId, id -> new ArrayList<>()).add(envelope);
      }
    }
    return AllDone.of(
        byConversation.entrySet().stream()
            .map(entry -> applyTo(entry.getKey(), entry.getValue()))
            .toList());
  }

  /**
   * Reads the conversation's record, applies the events in their order, and writes it once. Events
   * that begin with the opening need no read: the record starts there. Delivered again, they write
   * the record as it was after them over a later one, and the later events, which come again after
   * them, bring it and its lists back to where they were.
   */
  private CompletionStage<Done> applyTo(String conversationId, List<EventEnvelope> envelopes) {
    CompletionStage<Optional<ConversationRecord>> stored =
        envelopes.get(0).event() instanceof ConversationOpened
            ? NO_RECORD
            : tables.find(conversationId);
    return stored.thenCompose(
        found -> {
          ConversationRecord before = found.orElse(null);
          ConversationRecord after = before;
          for (EventEnvelope envelope : envelopes) {
            after = applied(after, conversationId, envelope);
          }
          return after == before ? DONE : tables.save(before, after);
        });
  }

  /** The record after one event: null while the conversation has no record. */
  private static ConversationRecord applied(
      ConversationRecord record, String conversationId, EventEnvelope envelope) {
    ConversationEvent event = (ConversationEvent) envelope.event();
    if (event instanceof ConversationOpened opened) {
      return record != null
          ? record
          : ConversationRecord.opened(conversationId, envelope.sequenceNr(), opened);
    }
    return record == null ? null : record.after(event, envelope.sequenceNr());
  }
}
