package livechat.persistence.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedCassandraOptionsTest {

  private static EmbeddedCassandraOptions withSetting(String name, String value) {
    return EmbeddedCassandraOptions.fromConfig(
        ConfigFactory.parseString("livechat.cassandra.embedded." + name + " = \"" + value + "\"")
            .withFallback(ConfigFactory.load()),
        Path.of("cassandra"));
  }

  private static List<String> gcOptions(String setting) {
    return withSetting("gc-options", setting).gcOptions();
  }

  @Test
  void theCollectorOptionsAreTheSettingsWordsAndNoEmptyOne() {
    assertEquals(List.of("-Xms64m", "-XX:+UseSerialGC"), gcOptions("-Xms64m -XX:+UseSerialGC"));
    assertEquals(List.of("-XX:+UseG1GC", "-Xms512m"), gcOptions("  -XX:+UseG1GC   -Xms512m "));
    assertEquals(List.of(), gcOptions(""));
  }

  @Test
  void theDefaultCollectorHasAShortPauseGoal() {
    assertEquals(
        List.of("-XX:+UseG1GC", "-XX:MaxGCPauseMillis=20"),
        EmbeddedCassandraOptions.fromConfig(ConfigFactory.load(), Path.of("cassandra"))
            .gcOptions());
  }

  @Test
  void cassandraRunsOnTheNodesJavaUnlessAnotherIsSet() {
    assertEquals(
        Path.of(System.getProperty("java.home")),
        EmbeddedCassandraOptions.fromConfig(ConfigFactory.load(), Path.of("cassandra")).javaHome());
    assertEquals(Path.of("/opt/java-17"), withSetting("java-home", "/opt/java-17").javaHome());
  }
}
