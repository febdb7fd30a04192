package livechat.node;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import livechat.http.health.CassandraAvailability;
import livechat.http.health.ReadinessCheck;
import livechat.persistence.CassandraHealth;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/**
 * What {@code GET /health} asks: is this node an Up cluster member, does Cassandra answer, and does
 * the API take calls that need the journal ({@link CassandraAvailability}: not after a failed write
 * until Cassandra answers again), so that a node is never ready while it answers 503.
 */
final class ReadinessChecks {

  private ReadinessChecks() {}

  static List<ReadinessCheck> of(ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    CassandraHealth cassandra = new CassandraHealth(system);
    CassandraAvailability journal = CassandraAvailability.get(system);
    return List.of(
        new ReadinessCheck(
            "cluster",
            () ->
                CompletableFuture.completedFuture(
                    cluster.selfMember().status().equals(MemberStatus.up()))),
        new ReadinessCheck("cassandra", cassandra::answers),
        new ReadinessCheck(
            "journal", () -> CompletableFuture.completedFuture(journal.available())));
  }
}
