package livechat.persistence.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real Cassandra node (cassandra-all) run as a child JVM with its own classpath and data
 * directory. {@link #start} returns once the node accepts CQL connections; {@link #close} stops it
 * gracefully. The child also exits by itself when this process ends, however it ends, because it
 * watches the pipe of its standard input (see the {@code cassandra-node} module).
 */
public final class EmbeddedCassandra implements AutoCloseable {

  private static final String NODE_MAIN_CLASS = "livechat.cassandra.node.CassandraNode";

  /** Cassandra's own flags for Java 17 (its jvm17-server.options). */
  private static final List<String> JAVA_17_FLAGS =
      List.of(
          "-Djdk.attach.allowAttachSelf=true",
          "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED",
          "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
          "--add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED",
          "--add-exports=java.sql/java.sql=ALL-UNNAMED",
          "--add-exports=java.base/java.lang.ref=ALL-UNNAMED",
          "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.loader=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.ref=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.math=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.module=ALL-UNNAMED",
          "--add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED",
          "--add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED",
          "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
          "--add-opens=java.base/java.io=ALL-UNNAMED",
          "--add-opens=java.base/java.nio=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
          "--add-opens=java.base/java.util=ALL-UNNAMED",
          "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
          "--add-opens=java.base/java.lang=ALL-UNNAMED",
          "--add-opens=java.base/java.math=ALL-UNNAMED",
          "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
          "--add-opens=java.base/java.net=ALL-UNNAMED");

  private static final Path PRLIMIT = Path.of("/usr/bin/prlimit");
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final EmbeddedCassandraOptions options;
  private final Process process;
  private final Path log;

  private EmbeddedCassandra(EmbeddedCassandraOptions options, Process process, Path log) {
    this.options = options;
    this.process = process;
    this.log = log;
  }

  /**
   * Starts the node and waits until it accepts CQL connections.
   *
   * @throws CassandraStartException when a port is taken, the classpath is missing, the node exits
   *     early or does not answer within the start timeout; the node is then stopped
   */
  public static EmbeddedCassandra start(EmbeddedCassandraOptions options)
      throws CassandraStartException {
    requireFree(options.listenAddress(), options.cqlPort(), "CQL");
    requireFree(options.listenAddress(), options.storagePort(), "storage");
    String classpath = readClasspath(options.classpathFile());
    Path log = writeConfiguration(options);
    Process process;
    try {
      process =
          new ProcessBuilder(command(options, classpath))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .redirectInput(ProcessBuilder.Redirect.PIPE)
              .start();
    } catch (IOException e) {
      throw new CassandraStartException("cannot run java for Cassandra: " + e.getMessage());
    }
    EmbeddedCassandra node = new EmbeddedCassandra(options, process, log);
    node.awaitCql();
    return node;
  }

  public EmbeddedCassandraOptions options() {
    return options;
  }

  /** The contact point of the node, {@code host:port}. */
  public String contactPoint() {
    return options.contactPoint();
  }

  /** Stops the node gracefully (it drains and flushes), or kills it after the stop timeout. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(options.stopTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  private void awaitCql() throws CassandraStartException {
    Instant deadline = Instant.now().plus(options.startTimeout());
    InetSocketAddress cql = new InetSocketAddress(options.listenAddress(), options.cqlPort());
    while (!accepts(cql)) {
      if (!process.isAlive()) {
        throw new CassandraStartException(
            "Cassandra exited with code " + process.exitValue() + " while starting: " + cause());
      }
      if (Instant.now().isAfter(deadline)) {
        close();
        throw new CassandraStartException(
            "Cassandra did not accept CQL connections on "
                + options.contactPoint()
                + " within "
                + options.startTimeout().toSeconds()
                + " s (see "
                + log
                + ")");
      }
      LockSupport.parkNanos(POLL_NANOS);
    }
  }

  /** The first error Cassandra logged, or where to read its log. */
  private String cause() {
    try {
      return Files.readAllLines(log, StandardCharsets.UTF_8).stream()
          .filter(line -> line.contains("ERROR") || line.contains("Exception"))
          .findFirst()
          .map(String::trim)
          .orElse("see " + log);
    } catch (IOException e) {
      return "see " + log;
    }
  }

  private static boolean accepts(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static void requireFree(String address, int port, String purpose)
      throws CassandraStartException {
    try (ServerSocket probe = new ServerSocket()) {
      probe.setReuseAddress(true);
      probe.bind(new InetSocketAddress(address, port));
    } catch (IOException e) {
      throw new CassandraStartException(
          "cannot start the embedded Cassandra: its "
              + purpose
              + " port "
              + address
              + ":"
              + port
              + " is already in use");
    }
  }

  private static String readClasspath(Path file) throws CassandraStartException {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      throw new CassandraStartException(
          "cannot start the embedded Cassandra: its classpath file "
              + file
              + " is missing; build the project first (mvn -DskipTests package)");
    }
  }

  private static Path writeConfiguration(EmbeddedCassandraOptions options)
      throws CassandraStartException {
    Path directory = options.directory();
    try {
      Files.createDirectories(directory.resolve("conf"));
      Files.createDirectories(directory.resolve("logs"));
      Map<String, String> values =
          Map.of(
              "${directory}", directory.toString(),
              "${listen_address}", options.listenAddress(),
              "${cql_port}", Integer.toString(options.cqlPort()),
              "${storage_port}", Integer.toString(options.storagePort()));
      String yaml = template("cassandra.yaml");
      for (var value : values.entrySet()) {
        yaml = yaml.replace(value.getKey(), value.getValue());
      }
      Files.writeString(directory.resolve("conf/cassandra.yaml"), yaml);
      Files.writeString(directory.resolve("conf/logback.xml"), template("logback.xml"));
      return directory.resolve("logs/cassandra.log");
    } catch (IOException e) {
      throw new CassandraStartException(
          "cannot write the embedded Cassandra's configuration under "
              + directory
              + ": "
              + e.getMessage());
    }
  }

  private static List<String> command(EmbeddedCassandraOptions options, String classpath) {
    Path conf = options.directory().resolve("conf");
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(PRLIMIT)) {
      // Cassandra locks its memory when it may (as root), pinning the whole heap
      command.addAll(List.of(PRLIMIT.toString(), "--memlock=0:0"));
    }
    command.add(options.javaHome().resolve("bin/java").toString());
    // a fixed heap, unless the collector's options set where it starts (they come after)
    command.add("-Xms" + options.heap());
    command.add("-Xmx" + options.heap());
    command.addAll(options.gcOptions());
    command.addAll(
        List.of(
            "-Djava.net.preferIPv4Stack=true",
            "-Dcassandra-foreground=yes",
            "-Dcassandra.config=" + conf.resolve("cassandra.yaml").toUri(),
            "-Dcassandra.storagedir=" + options.directory(),
            "-Dcassandra.skip_wait_for_gossip_to_settle=0",
            "-Dlogback.configurationFile=" + conf.resolve("logback.xml")));
    command.addAll(JAVA_17_FLAGS);
    command.addAll(List.of("-cp", classpath, NODE_MAIN_CLASS));
    return command;
  }

  private static String template(String name) throws IOException {
    String resource = "livechat/embedded-cassandra/" + name;
    try (InputStream in = EmbeddedCassandra.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new UncheckedIOException(new IOException("missing resource " + resource));
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
