package livechat.persistence.embedded;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How to run the embedded Cassandra node: its directory, address and ports, heap and the JVM's
 * garbage collector options (whitespace-separated), and the file that lists its classpath (written
 * by the {@code cassandra-node} module's build). Read from {@code livechat.cassandra.embedded}.
 */
public record EmbeddedCassandraOptions(
    Path directory,
    String listenAddress,
    int cqlPort,
    int storagePort,
    String heap,
    List<String> gcOptions,
    Path classpathFile,
    Duration startTimeout,
    Duration stopTimeout) {

  public static EmbeddedCassandraOptions fromConfig(Config config, Path directory) {
    Config embedded = config.getConfig("livechat.cassandra.embedded");
    return new EmbeddedCassandraOptions(
        directory.toAbsolutePath(),
        embedded.getString("listen-address"),
        embedded.getInt("cql-port"),
        embedded.getInt("storage-port"),
        embedded.getString("heap"),
        Arrays.stream(embedded.getString("gc-options").split("\\s+"))
            .filter(option -> !option.isEmpty())
            .toList(),
        Path.of(embedded.getString("classpath-file")).toAbsolutePath(),
        embedded.getDuration("start-timeout"),
        embedded.getDuration("stop-timeout"));
  }

  public EmbeddedCassandraOptions withPorts(int cql, int storage) {
    return new EmbeddedCassandraOptions(
        directory,
        listenAddress,
        cql,
        storage,
        heap,
        gcOptions,
        classpathFile,
        startTimeout,
        stopTimeout);
  }

  /** The contact point of the node, {@code host:port}. */
  public String contactPoint() {
    return listenAddress + ":" + cqlPort;
  }
}
