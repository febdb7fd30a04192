package livechat.engine;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Events and snapshots stored when an entity's events and state were nested in the entity's class
 * in {@code livechat.engine} are read as the same records of its own package today: only their
 * class name changed. (A conversation snapshot also changed shape: see {@code EarlierSnapshot}.)
 */
public final class MovedClasses extends JacksonMigration {

  private static final String CONVERSATION_EVENT =
      "livechat.engine.conversation.ConversationEvent$";
  private static final String CHANNEL_EVENT = "livechat.engine.channel.ChannelEvent$";

  private static final Map<String, String> MOVED =
      Map.ofEntries(
          Map.entry("livechat.engine.Conversation$", CONVERSATION_EVENT),
          Map.entry("livechat.engine.Channel$Open", "livechat.engine.channel.ChannelState$Open"),
          Map.entry("livechat.engine.Channel$", CHANNEL_EVENT),
          Map.entry(
              "livechat.engine.Operator$Registered",
              "livechat.engine.operator.OperatorState$Registered"),
          Map.entry("livechat.engine.Operator$", "livechat.engine.operator.OperatorEvent$"));

  /** Above the version of the earlier payloads (1), so that their class name is transformed. */
  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    String exact = MOVED.get(className);
    if (exact != null) {
      return exact;
    }
    String owner = className.substring(0, className.indexOf('$') + 1);
    return MOVED.get(owner) + className.substring(owner.length());
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
