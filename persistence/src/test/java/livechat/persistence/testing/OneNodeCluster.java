package livechat.persistence.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;

/** A test actor system that is a cluster of one, as a real node is. */
public final class OneNodeCluster {

  private OneNodeCluster() {}

  /** Cluster settings on a free port of the loopback interface. */
  public static Config config() {
    return ConfigFactory.parseString(
        """
        pekko.actor.provider = cluster
        pekko.remote.artery.canonical.hostname = "127.0.0.1"
        pekko.remote.artery.canonical.port = 0
        pekko.cluster.jmx.multi-mbeans-in-same-jvm = on
        pekko.coordinated-shutdown.exit-jvm = off
        # a shard region's graceful hand-off may take its phase's whole 10s when it still
        # buffers messages for a shard never allocated; the test kit waits for the system
        # longer than that, so that a slow stop does not fail the test that ended first
        pekko.actor.testkit.typed.system-shutdown-default = 30s
        """);
  }

  /** Makes the system a member of a cluster of its own. */
  public static void join(ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    cluster.manager().tell(Join.create(cluster.selfMember().address()));
  }
}
