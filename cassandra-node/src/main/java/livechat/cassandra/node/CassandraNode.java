package livechat.cassandra.node;

import java.io.IOException;
import java.io.InputStream;
import org.apache.cassandra.service.CassandraDaemon;

/**
 * Runs a Cassandra node that lives no longer than the process that launched it.
 *
 * <p>The launcher keeps this process's standard input open as a pipe. When the launcher exits for
 * any reason, including a kill, the pipe reaches end-of-file and this node exits through
 * Cassandra's own shutdown hook, so no test run or aborted start leaves a node behind.
 */
public final class CassandraNode {

  private CassandraNode() {}

  public static void main(String[] args) {
    Thread watcher = new Thread(CassandraNode::exitWhenLauncherIsGone, "launcher-watcher");
    watcher.setDaemon(true);
    watcher.start();
    CassandraDaemon.main(args);
  }

  private static void exitWhenLauncherIsGone() {
    InputStream launcher = System.in;
    try {
      while (launcher.read() != -1) {
        // the launcher writes nothing; any byte is ignored
      }
    } catch (IOException closed) {
      // a broken pipe means the same as end-of-file
    }
    System.exit(0);
  }
}
