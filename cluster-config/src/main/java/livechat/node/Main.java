package livechat.node;

import com.typesafe.config.ConfigFactory;

/**
 * Starts a livechat node from {@code application.conf} and the environment (see the README), prints
 * where it listens and its admin token, and runs until SIGTERM. A node that cannot start says why
 * in one line on standard error and exits with status 1.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Node node;
    try {
      node = Node.start(ConfigFactory.load());
    } catch (NodeStartException e) {
      System.err.println("livechat: " + e.getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(node::stop, "livechat-stop"));
    var http = node.httpAddress();
    System.out.println(
        "livechat: listening on http://" + http.getHostString() + ":" + http.getPort());
    System.out.println("livechat: admin token " + node.adminToken());
  }
}
