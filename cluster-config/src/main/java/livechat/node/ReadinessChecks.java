package livechat.node;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import livechat.http.health.ReadinessCheck;
import livechat.persistence.CassandraHealth;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;

/** What {@code GET /health} asks: is this node an Up cluster member, and does Cassandra answer. */
final class ReadinessChecks {

  private ReadinessChecks() {}

  static List<ReadinessCheck> of(ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    CassandraHealth cassandra = new CassandraHealth(system);
    return List.of(
        new ReadinessCheck(
            "cluster",
            () ->
                CompletableFuture.completedFuture(
                    cluster.selfMember().status().equals(MemberStatus.up()))),
        new ReadinessCheck("cassandra", cassandra::answers));
  }
}
