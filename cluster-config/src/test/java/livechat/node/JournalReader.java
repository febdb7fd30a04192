package livechat.node;

import static livechat.http.ApiClient.expect;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import livechat.engine.Channel;
import livechat.engine.Operator;
import livechat.http.ApiClient;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.stream.javadsl.Sink;

/** Reads the events the cluster wrote, from the test's own actor system. */
final class JournalReader implements AutoCloseable {

  private final ActorTestKit testKit;
  private final CassandraReadJournal journal;

  JournalReader(String keyspace) {
    this.testKit =
        ActorTestKit.create(
            "journal-reader", OneNodeCluster.config().withFallback(TestCassandra.config(keyspace)));
    this.journal =
        PersistenceQuery.get(testKit.system())
            .getReadJournalFor(CassandraReadJournal.class, CassandraReadJournal.Identifier());
  }

  /** The conversations the channel assigned, in the order it assigned them. */
  List<String> assignments(String channelId) {
    return events("Channel|" + channelId).stream()
        .filter(Channel.ConversationAssigned.class::isInstance)
        .map(event -> ((Channel.ConversationAssigned) event).conversationId())
        .toList();
  }

  /** The most conversations the operator ever held, replaying its journal. */
  int highestLoadEver(String operatorId) {
    int held = 0;
    int highest = 0;
    for (Object event : events("Operator|" + operatorId)) {
      if (event instanceof Operator.ConversationReserved) {
        highest = Math.max(highest, ++held);
      } else if (event instanceof Operator.ConversationReleased) {
        held--;
      }
    }
    return highest;
  }

  List<String> operatorIds(List<ApiClient> operators) {
    return operators.stream()
        .map(operator -> expect(200, operator.get("/api/me")).get("id").asText())
        .toList();
  }

  private List<Object> events(String persistenceId) {
    try {
      return journal
          .currentEventsByPersistenceId(persistenceId, 0, Long.MAX_VALUE)
          .map(EventEnvelope::event)
          .runWith(Sink.seq(), testKit.system())
          .toCompletableFuture()
          .get(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  @Override
  public void close() {
    testKit.shutdownTestKit();
  }
}
