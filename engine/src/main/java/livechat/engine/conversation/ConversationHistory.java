package livechat.engine.conversation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.EntityDirectory;
import livechat.engine.conversation.Conversation.GetMessages;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.Messages;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Pages of a conversation's messages, for history requests and for subscribers catching up. The
 * recent messages come from the conversation; older ones are read from its journal ({@code
 * livechat.conversation.read-journal}) by the node that asks, so that the conversation replays
 * nothing and no reply between nodes grows past a frame.
 */
public final class ConversationHistory {

  private final ActorSystem<?> system;
  private final EntityDirectory directory;
  private final Duration askTimeout;
  private final String readJournal;

  /** Found on the first read that needs it: most pages come from the conversation alone. */
  private volatile CurrentEventsByPersistenceIdQuery journal;

  public ConversationHistory(
      ActorSystem<?> system, EntityDirectory directory, Duration askTimeout) {
    this.system = system;
    this.directory = directory;
    this.askTimeout = askTimeout;
    this.readJournal = system.settings().config().getString("livechat.conversation.read-journal");
  }

  /**
   * Up to {@code limit} (at most 500) messages after {@code afterSeq}, in {@code seq} order, with
   * the conversation's {@code lastSeq}; fails with the conversation's rejection when it has none.
   */
  public CompletionStage<Messages> page(String conversationId, long afterSeq, int limit) {
    int wanted = Math.max(1, Math.min(limit, Conversation.MAX_PAGE));
    return gather(conversationId, Math.max(0, afterSeq), wanted, new ArrayList<>());
  }

  private CompletionStage<Messages> gather(
      String conversationId, long afterSeq, int wanted, List<Message> gathered) {
    return AskPattern.<Conversation.Command, Messages>askWithStatus(
            directory.conversation(conversationId),
            replyTo -> new GetMessages(afterSeq, wanted - gathered.size(), replyTo),
            askTimeout,
            system.scheduler())
        .thenCompose(
            reply -> {
              if (reply.readJournalFrom() > 0) {
                return fromJournal(
                        conversationId, afterSeq, wanted - gathered.size(), reply.readJournalFrom())
                    .thenApply(found -> done(gathered, found, reply.lastSeq()));
              }
              gathered.addAll(reply.messages());
              long last = gathered.isEmpty() ? afterSeq : gathered.get(gathered.size() - 1).seq();
              if (reply.messages().isEmpty()
                  || gathered.size() >= wanted
                  || last >= reply.lastSeq()) {
                return CompletableFuture.completedFuture(
                    done(gathered, List.of(), reply.lastSeq()));
              }
              // the reply stopped short of a frame's size: ask for the rest
              return gather(conversationId, last, wanted, gathered);
            });
  }

  private CompletionStage<List<Message>> fromJournal(
      String conversationId, long afterSeq, int count, long fromSequenceNr) {
    String persistenceId =
        PersistenceId.of(Conversation.ENTITY_TYPE_KEY.name(), conversationId).id();
    return journal()
        .currentEventsByPersistenceId(persistenceId, fromSequenceNr, Long.MAX_VALUE)
        .map(EventEnvelope::event)
        .filter(event -> event instanceof MessageAdded added && added.message().seq() > afterSeq)
        .map(event -> ((MessageAdded) event).message())
        .take(count)
        .runWith(Sink.seq(), system);
  }

  private CurrentEventsByPersistenceIdQuery journal() {
    if (journal == null) {
      journal =
          PersistenceQuery.get(system)
              .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, readJournal);
    }
    return journal;
  }

  private static Messages done(List<Message> gathered, List<Message> more, long lastSeq) {
    List<Message> all = new ArrayList<>(gathered);
    all.addAll(more);
    return new Messages(List.copyOf(all), lastSeq, 0);
  }
}
