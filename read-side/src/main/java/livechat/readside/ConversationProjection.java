package livechat.readside;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.reports.ConversationRecord;
import org.apache.pekko.Done;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * Applies a conversation's lifecycle events to the conversation tables. Each record remembers the
 * journal position of the last event applied to it, so an event delivered again is skipped. A
 * conversation opened before its events were tagged has no record: its later events are skipped
 * too, and it is in no list or report.
 */
final class ConversationProjection implements TagFollower.Handler {

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.done());

  private final ConversationTables tables;

  ConversationProjection(ConversationTables tables) {
    this.tables = tables;
  }

  @Override
  public CompletionStage<Done> apply(EventEnvelope envelope) {
    if (!(envelope.event() instanceof ConversationEvent event)
        || !ConversationEvent.isLifecycle(event)) {
      return DONE;
    }
    String conversationId = PersistenceId.ofUniqueId(envelope.persistenceId()).entityId();
    long sequenceNr = envelope.sequenceNr();
    return tables
        .find(conversationId)
        .thenCompose(
            found -> {
              if (event instanceof ConversationOpened opened) {
                return found.isPresent()
                    ? DONE
                    : tables.save(
                        null, ConversationRecord.opened(conversationId, sequenceNr, opened));
              }
              if (found.isEmpty()) {
                return DONE;
              }
              ConversationRecord before = found.get();
              ConversationRecord after = before.after(event, sequenceNr);
              return after == before ? DONE : tables.save(before, after);
            });
  }
}
