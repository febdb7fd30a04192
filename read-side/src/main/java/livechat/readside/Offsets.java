package livechat.readside;

import java.util.UUID;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/** Where each consumer stands in its tag's stream, in {@code read_side_offsets}. */
final class Offsets {

  private final CassandraSession session;
  private final String keyspace;

  Offsets(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  /** The stored offset, or {@code first} when the consumer has stored none. */
  CompletionStage<Offset> load(String consumer, Offset first) {
    return session
        .selectOne(
            "SELECT offset FROM " + keyspace + ".read_side_offsets WHERE consumer = ?", consumer)
        .thenApply(
            row -> row.map(r -> r.getUuid("offset")).<Offset>map(TimeBasedUUID::new).orElse(first));
  }

  CompletionStage<Done> save(String consumer, Offset offset) {
    UUID uuid = ((TimeBasedUUID) offset).value();
    return session.executeWrite(
        "INSERT INTO " + keyspace + ".read_side_offsets (consumer, offset) VALUES (?, ?)",
        consumer,
        uuid);
  }
}
