package livechat.engine.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * A snapshot taken when a conversation kept every message ({@code
 * livechat.engine.Conversation$Opened} with {@code messages} and {@code clientMessageIds}) is read
 * as today's {@link ConversationState.Opened}: the last messages become the recent ones, system
 * messages give their {@code seq}. How many other events came before is not in it, so it counts
 * none: journal positions derived from it are too low, never too high, and reads from there only
 * start earlier.
 */
public final class EarlierSnapshot extends JacksonMigration {

  /** As many recent messages as the default keeps; a smaller setting trims them at the next. */
  private static final int RECENT = 100;

  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    return ConversationState.Opened.class.getName();
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    if (fromVersion >= 2) {
      return json;
    }
    ObjectNode state = ((ObjectNode) json).deepCopy();
    JsonNode messages = state.path("messages");
    ArrayNode recent = JsonNodeFactory.instance.arrayNode();
    ArrayNode systemSeqs = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode message = messages.get(i);
      if (i >= messages.size() - RECENT) {
        recent.add(message);
      }
      if ("system".equals(message.path("author").path("kind").asText())) {
        systemSeqs.add(message.path("seq").asLong());
      }
    }
    state.remove("messages");
    state.remove("clientMessageIds");
    state.put("lastSeq", messages.size());
    state.set("recent", recent);
    state.set("systemSeqs", systemSeqs);
    state.put("otherEvents", 0);
    state.set("checkpoints", JsonNodeFactory.instance.arrayNode());
    return state;
  }
}
