package livechat.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import livechat.persistence.CassandraSchema;
import livechat.persistence.CassandraSettings;
import livechat.persistence.embedded.CassandraStartException;
import livechat.persistence.embedded.EmbeddedCassandra;
import livechat.persistence.embedded.EmbeddedCassandraOptions;

/**
 * Runs only the embedded Cassandra, with the schema, for several local nodes to share ({@code
 * scripts/local-cluster}). It keeps its data under {@code <data-dir>/cassandra} and runs until
 * SIGTERM.
 */
public final class CassandraMain {

  private CassandraMain() {}

  public static void main(String[] args) throws InterruptedException {
    Config config = ConfigFactory.load();
    Path dataDir = Path.of(config.getString("livechat.data-dir")).toAbsolutePath();
    EmbeddedCassandra cassandra;
    try {
      cassandra =
          EmbeddedCassandra.start(
              EmbeddedCassandraOptions.fromConfig(config, dataDir.resolve("cassandra")));
    } catch (CassandraStartException e) {
      System.err.println("livechat: " + e.getMessage());
      System.exit(1);
      return;
    }
    CassandraSchema.create(
        CassandraSettings.fromConfig(config).withContactPoints(List.of(cassandra.contactPoint())));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  cassandra.close();
                  stopped.countDown();
                },
                "cassandra-stop"));
    System.out.println("livechat: cassandra listening on " + cassandra.contactPoint());
    stopped.await();
  }
}
