package livechat.persistence.testing;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import livechat.persistence.CassandraSchema;
import livechat.persistence.CassandraSettings;
import livechat.persistence.embedded.CassandraStartException;
import livechat.persistence.embedded.EmbeddedCassandra;
import livechat.persistence.embedded.EmbeddedCassandraOptions;

/**
 * The real Cassandra node that the tests of one JVM share: started at first use, on free ports in a
 * temporary directory, and stopped with the JVM. Each test class asks for its own keyspace, so test
 * classes never see each other's entities.
 */
public final class TestCassandra {

  private static EmbeddedCassandra node;
  private static final Set<String> keyspaces = new HashSet<>();

  /** The ports below Linux's ephemeral range, which outgoing connections never take. */
  private static final int FIRST_PORT = 20_000;

  private static final int LAST_PORT = 32_767;

  private static final Set<Integer> portsGiven = new HashSet<>();

  private TestCassandra() {}

  /** Settings for a keyspace of the shared node, created with the product's schema. */
  public static synchronized CassandraSettings keyspace(String name) {
    CassandraSettings settings =
        CassandraSettings.fromConfig(ConfigFactory.load())
            .withContactPoints(List.of(node().contactPoint()))
            .withKeyspace(name);
    if (keyspaces.add(name)) {
      CassandraSchema.create(settings);
    }
    return settings;
  }

  /** The configuration of an actor system whose journal is that keyspace. */
  public static Config config(String keyspace) {
    return keyspace(keyspace).pekkoConfig().withFallback(ConfigFactory.load());
  }

  /** The shared node, started on first use. */
  public static synchronized EmbeddedCassandra node() {
    if (node == null) {
      node = startNode();
      Runtime.getRuntime().addShutdownHook(new Thread(TestCassandra::stopNode, "test-cassandra"));
    }
    return node;
  }

  /**
   * A port nobody listens on now, and that no outgoing connection can take before it is bound: a
   * port the system picked from its ephemeral range could be given to a client's connection in the
   * moment between this check and the server binding it. Never the same port twice in one JVM.
   */
  public static synchronized int freePort() {
    for (int attempt = 0; attempt < 1_000; attempt++) {
      int port = ThreadLocalRandom.current().nextInt(FIRST_PORT, LAST_PORT + 1);
      if (!portsGiven.contains(port) && bindable(port)) {
        portsGiven.add(port);
        return port;
      }
    }
    throw new IllegalStateException("no free port in " + FIRST_PORT + "-" + LAST_PORT);
  }

  private static boolean bindable(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress("0.0.0.0", port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static EmbeddedCassandra startNode() {
    try {
      Path directory = Files.createTempDirectory("livechat-test-cassandra");
      EmbeddedCassandraOptions options =
          EmbeddedCassandraOptions.fromConfig(ConfigFactory.load(), directory)
              .withPorts(freePort(), freePort());
      return EmbeddedCassandra.start(options);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (CassandraStartException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  private static synchronized void stopNode() {
    node.close();
    deleteRecursively(node.options().directory());
  }

  /** Deletes a directory and all it holds. */
  public static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
