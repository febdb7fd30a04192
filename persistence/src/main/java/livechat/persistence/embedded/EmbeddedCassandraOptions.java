package livechat.persistence.embedded;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * How to run the embedded Cassandra node: its directory, address and ports, heap, the JVM's garbage
 * collector options (whitespace-separated) and the Java installation it runs on (the node's own
 * unless set), and the file that lists its classpath (written by the {@code cassandra-node}
 * module's build). Read from {@code livechat.cassandra.embedded}.
 */
public record EmbeddedCassandraOptions(
    Path directory,
    String listenAddress,
    int cqlPort,
    int storagePort,
    String heap,
    List<String> gcOptions,
    Path javaHome,
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
        javaHome(embedded.getString("java-home")),
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
        javaHome,
        classpathFile,
        startTimeout,
        stopTimeout);
  }

  private static Path javaHome(String configured) {
    return Path.of(configured.isBlank() ? System.getProperty("java.home") : configured);
  }

  /** The contact point of the node, {@code host:port}. */
  public String contactPoint() {
    return listenAddress + ":" + cqlPort;
  }
}
