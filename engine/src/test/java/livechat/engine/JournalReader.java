package livechat.engine;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import livechat.engine.channel.ChannelEvent;
import livechat.engine.operator.OperatorEvent;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads back what the entities wrote to the Cassandra journal, through an actor system's plugin.
 */
public final class JournalReader {

  private final ActorSystem<?> system;
  private final CassandraReadJournal journal;

  public JournalReader(ActorSystem<?> system) {
    this.system = system;
    this.journal =
        PersistenceQuery.get(system)
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
  }

  /** The conversations the channel assigned, in the order it assigned them. */
  public List<String> assignments(String channelId) {
    return events("Channel|" + channelId).stream()
        .filter(ChannelEvent.ConversationAssigned.class::isInstance)
        .map(event -> ((ChannelEvent.ConversationAssigned) event).conversationId())
        .toList();
  }

  /** The most conversations the operator ever held, replaying its journal. */
  public int highestLoadEver(String operatorId) {
    int held = 0;
    int highest = 0;
    for (Object event : events("Operator|" + operatorId)) {
      if (event instanceof OperatorEvent.ConversationReserved) {
        highest = Math.max(highest, ++held);
      } else if (event instanceof OperatorEvent.ConversationReleased) {
        held--;
      }
    }
    return highest;
  }

  private List<Object> events(String persistenceId) {
    try {
      return journal
          .currentEventsByPersistenceId(persistenceId, 0, Long.MAX_VALUE)
          .map(EventEnvelope::event)
          .runWith(Sink.seq(), system)
          .toCompletableFuture()
          .get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
