package livechat.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.Row;
import java.util.Map;
import livechat.persistence.testing.TestCassandra;
import org.junit.jupiter.api.Test;

/** The schema on a real Cassandra node: the keyspace is replicated in the node's data center. */
class KeyspaceReplicationTest {

  @Test
  void theKeyspaceUsesNetworkTopologyStrategyInTheEmbeddedNodesDataCenter() {
    CassandraSettings settings = TestCassandra.keyspace("replication_check");

    try (CqlSession session =
        CqlSession.builder()
            .addContactPoints(settings.contactAddresses())
            .withLocalDatacenter(settings.localDatacenter())
            .build()) {
      Row local = session.execute("SELECT data_center FROM system.local").one();
      Row keyspace =
          session
              .execute(
                  "SELECT replication FROM system_schema.keyspaces WHERE keyspace_name = ?",
                  "replication_check")
              .one();

      // SimpleSnitch, which the embedded node uses, names its data center datacenter1
      assertEquals("datacenter1", local.getString("data_center"));
      assertEquals("datacenter1", settings.localDatacenter());
      assertEquals(
          Map.of(
              "class", "org.apache.cassandra.locator.NetworkTopologyStrategy", "datacenter1", "1"),
          keyspace.getMap("replication", String.class, String.class));
    }
  }
}
