package livechat.engine.conversation;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.pekko.serialization.jackson.JacksonMigration;

/**
 * Events stored when the conversation's events were nested in {@code livechat.engine.Conversation}
 * are read as the same events of {@link ConversationEvent}: only their class name changed.
 */
public final class EarlierEventNames extends JacksonMigration {

  static final String EARLIER_OWNER = "livechat.engine.Conversation$";

  /** Above the version of the earlier events (1), so that their class name is transformed. */
  @Override
  public int currentVersion() {
    return 2;
  }

  @Override
  public String transformClassName(int fromVersion, String className) {
    return ConversationEvent.class.getName() + "$" + className.substring(EARLIER_OWNER.length());
  }

  @Override
  public JsonNode transform(int fromVersion, JsonNode json) {
    return json;
  }
}
