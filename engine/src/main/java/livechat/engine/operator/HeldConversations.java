package livechat.engine.operator;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import scala.Option;
import scala.Tuple2;
import scala.collection.immutable.HashMap;

/**
 * The conversations an operator holds, each with its channel: an immutable map that a reservation
 * or a release updates without copying the others. The operator's event handler runs for every
 * reservation, and an operator without a limit of its own may hold thousands. Stored as any map.
 */
final class HeldConversations extends AbstractMap<String, String> {

  static final HeldConversations NONE = new HeldConversations(new HashMap<>());

  private final HashMap<String, String> channelById;

  private HeldConversations(HashMap<String, String> channelById) {
    this.channelById = channelById;
  }

  /** The same conversations as held conversations: itself if it already is. */
  static HeldConversations of(Map<String, String> conversations) {
    if (conversations instanceof HeldConversations held) {
      return held;
    }
    HashMap<String, String> channelById = new HashMap<>();
    for (Map.Entry<String, String> entry : conversations.entrySet()) {
      channelById = channelById.updated(entry.getKey(), entry.getValue());
    }
    return new HeldConversations(channelById);
  }

  HeldConversations with(String conversationId, String channelId) {
    return new HeldConversations(channelById.updated(conversationId, channelId));
  }

  HeldConversations without(String conversationId) {
    return new HeldConversations(channelById.removed(conversationId));
  }

  @Override
  public int size() {
    return channelById.size();
  }

  @Override
  public boolean containsKey(Object conversationId) {
    return conversationId instanceof String id && channelById.contains(id);
  }

  @Override
  public String get(Object conversationId) {
    if (conversationId instanceof String id) {
      Option<String> channelId = channelById.get(id);
      return channelId.isDefined() ? channelId.get() : null;
    }
    return null;
  }

  @Override
  public Set<Entry<String, String>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, String>> iterator() {
        scala.collection.Iterator<Tuple2<String, String>> entries = channelById.iterator();
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            return entries.hasNext();
          }

          @Override
          public Entry<String, String> next() {
            Tuple2<String, String> entry = entries.next();
            return Map.entry(entry._1(), entry._2());
          }
        };
      }

      @Override
      public int size() {
        return channelById.size();
      }
    };
  }
}
