package livechat.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;

/**
 * Starts a livechat node from {@code application.conf} and the environment (see the README), prints
 * where it listens (and the admin token, when it made one up), and runs until SIGTERM. A node that
 * cannot start says why in one line on standard error and exits with status 1.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
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
}
