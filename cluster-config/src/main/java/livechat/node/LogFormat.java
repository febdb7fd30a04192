package livechat.node;

import com.typesafe.config.Config;
import livechat.persistence.CassandraSettings;

/**
 * Chooses the log format before anything logs: {@code livechat.log.format} ({@code
 * LIVECHAT_LOG_FORMAT}) is {@code json} (one JSON object a line, for a log collector) or {@code
 * text} (for a person); unset, the embedded development run logs text and any other node JSON.
 * {@code logback.xml} reads the choice from the system property {@code livechat.log.format}.
 */
final class LogFormat {

  static final String PROPERTY = "livechat.log.format";

  private LogFormat() {}

  static String select(Config config) throws NodeStartException {
    String format = of(config);
    System.setProperty(PROPERTY, format);
    return format;
  }

  static String of(Config config) throws NodeStartException {
    String configured = config.getString("livechat.log.format").trim();
    if (configured.isEmpty()) {
      try {
        return CassandraSettings.fromConfig(config).embedded() ? "text" : "json";
      } catch (IllegalArgumentException e) {
        throw new NodeStartException(e.getMessage());
      }
    }
    if (!configured.equals("json") && !configured.equals("text")) {
      throw new NodeStartException(
          "LIVECHAT_LOG_FORMAT must be json or text, not '" + configured + "'");
    }
    return configured;
  }
}
