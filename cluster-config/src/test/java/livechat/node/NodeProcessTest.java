package livechat.node;

import java.nio.file.Files;
import java.nio.file.Path;
import livechat.persistence.testing.TestCassandra;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A test of the packaged node as a process: each test gets a fresh working directory. */
abstract class NodeProcessTest {

  protected Path directory;
  protected NodeProcess node;

  @BeforeEach
  void createWorkingDirectory() throws Exception {
    directory = Files.createTempDirectory("livechat-node");
  }

  @AfterEach
  void killNodeAndDeleteDirectory() {
    if (node != null) {
      node.kill();
    }
    TestCassandra.deleteRecursively(directory);
  }
}
