package livechat.readside;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.operator.OperatorEvent;
import org.apache.pekko.Done;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/** Writes each registered operator's login and id in {@code operators_by_login}. */
final class OperatorProjection implements TagFollower.Handler {

  static final String BUCKET = "all";

  private final CassandraSession session;
  private final String keyspace;

  OperatorProjection(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  @Override
  public CompletionStage<Done> apply(EventEnvelope envelope) {
    if (!(envelope.event() instanceof OperatorEvent.OperatorRegistered registered)) {
      return CompletableFuture.completedFuture(Done.done());
    }
    return session.executeWrite(
        "INSERT INTO "
            + keyspace
            + ".operators_by_login (bucket, login, operator_id) VALUES (?, ?, ?)",
        BUCKET,
        registered.login(),
        PersistenceId.ofUniqueId(envelope.persistenceId()).entityId());
  }
}
