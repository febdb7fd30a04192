package livechat.engine.conversation;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;
import livechat.engine.conversation.Conversation.Message;

/**
 * A conversation's most recent messages, oldest first: an unmodifiable list that takes one more
 * message without copying the others. Every list made by {@link #append} is a window on an array
 * that the lists before it share; a message goes into the slot after the window, which no earlier
 * window reads. The array, with room for half as many again as the list keeps, is copied only when
 * it is full (once every {@code limit / 2} messages) or when a list is appended to a second time,
 * so each list stays as it was made.
 */
final class RecentMessages extends AbstractList<Message> implements RandomAccess {

  private final Message[] slots;
  private final int from;
  private final int to;

  private RecentMessages(Message[] slots, int from, int to) {
    this.slots = slots;
    this.from = from;
    this.to = to;
  }

  /** {@code recent} with {@code message} after it, keeping the last {@code limit} messages. */
  static List<Message> append(List<Message> recent, Message message, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    if (recent instanceof RecentMessages window) {
      return window.append(message, limit);
    }
    return copy(recent, recent.size(), limit).append(message, limit);
  }

  private RecentMessages append(Message message, int limit) {
    if (to == slots.length || slots[to] != null) {
      return copy(this, size(), limit).append(message, limit);
    }
    slots[to] = message;
    return new RecentMessages(slots, Math.max(from, to + 1 - limit), to + 1);
  }

  /** The last {@code limit - 1} of {@code messages} in a fresh array with room for more. */
  private static RecentMessages copy(List<Message> messages, int size, int limit) {
    int kept = Math.min(size, limit - 1);
    Message[] slots = new Message[limit + Math.max(1, limit / 2)];
    for (int i = 0; i < kept; i++) {
      slots[i] = messages.get(size - kept + i);
    }
    return new RecentMessages(slots, 0, kept);
  }

  @Override
  public Message get(int index) {
    if (index < 0 || index >= size()) {
      throw new IndexOutOfBoundsException(index);
    }
    return slots[from + index];
  }

  @Override
  public int size() {
    return to - from;
  }
}
