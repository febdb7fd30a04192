package livechat.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFormatTest {

  @Test
  void theEmbeddedRunLogsTextAndAProductionNodeJson() throws Exception {
    assertEquals("text", LogFormat.of(config("", "")));
    assertEquals("json", LogFormat.of(config("", "cassandra:9042")));
  }

  @Test
  void anExplicitFormatWins() throws Exception {
    assertEquals("json", LogFormat.of(config("json", "")));
    assertEquals("text", LogFormat.of(config("text", "cassandra:9042")));
  }

  @Test
  void anUnknownFormatStopsTheNode() {
    assertEquals(
        "LIVECHAT_LOG_FORMAT must be json or text, not 'xml'",
        assertThrows(NodeStartException.class, () -> LogFormat.of(config("xml", ""))).getMessage());
  }

  private static Config config(String format, String contactPoints) {
    return ConfigFactory.parseMap(
            Map.of(
                "livechat.log.format", format,
                "livechat.cassandra.contact-points", contactPoints))
        .withFallback(ConfigFactory.load());
  }
}
