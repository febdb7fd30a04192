package livechat.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Starts a livechat node from {@code application.conf} and the environment (see the README), prints
 * where it listens (and the admin token, when it made one up), and runs until SIGTERM. A node that
 * cannot start says why in one line on standard error and exits with status 1.
 */
public final class Main {

  private static final String COMMON_POOL_PARALLELISM =
      "java.util.concurrent.ForkJoinPool.common.parallelism";

  private Main() {}

  public static void main(String[] args) {
    widenCommonPool();
    Node node;
    try {
      Config config = ConfigFactory.load();
      LogFormat.select(config);
      node = Node.start(config);
    } catch (NodeStartException e) {
      System.err.println("livechat: " + e.getMessage());
      System.exit(1);
      return;
    } catch (RuntimeException | Error e) {
      // anything else (a broken build, a class missing): never a node that runs but is not ready
      System.err.println("livechat: could not start: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "livechat-stop"));
    var http = node.httpAddress();
    System.out.println(
        "livechat: listening on http://" + http.getHostString() + ":" + http.getPort());
    node.madeUpAdminToken()
        .ifPresent(token -> System.out.println("livechat: admin token " + token));
  }

  /**
   * Pekko's Java futures run their callbacks on the common pool, which the JDK sizes one thread
   * short of the cores; at one thread CompletableFuture starts a new thread for every callback (one
   * per request or message on a machine of two cores). Unless set on the command line, the pool
   * gets at least two threads; this must run before anything uses the pool.
   */
  private static void widenCommonPool() {
    if (System.getProperty(COMMON_POOL_PARALLELISM) == null
        && Runtime.getRuntime().availableProcessors() <= 2) {
      System.setProperty(COMMON_POOL_PARALLELISM, "2");
    }
  }
}
