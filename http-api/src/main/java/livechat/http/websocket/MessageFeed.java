package livechat.http.websocket;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.ConversationHistory;
import livechat.http.metrics.Metrics;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The conversations a session follows, and their messages sent to the client in {@code seq} order
 * without gaps, each at most once. A message past the next one expected was overtaken, or the
 * client is behind: what is missing is read from the history, a page at a time, each page once the
 * socket has room for it. A message already sent is dropped.
 */
final class MessageFeed {

  /** Messages read at once when a client catches up. */
  static final int HISTORY_PAGE = 500;

  private final ActorContext<Session.Event> context;
  private final ConversationHistory history;
  private final OutgoingWindow window;
  private final Consumer<Object> send;
  private final Metrics metrics;

  /** The highest {@code seq} sent to the client, per conversation; every one below was sent. */
  private final Map<String, Long> delivered = new HashMap<>();

  /**
   * Closed conversations: their subscriptions are not renewed, so that they can passivate (a rating
   * given meanwhile still arrives); a client may subscribe to one again.
   */
  private final Set<String> ended = new HashSet<>();

  /** The highest {@code seq} known to exist, per conversation: from live messages and statuses. */
  private final Map<String, Long> newest = new HashMap<>();

  /** Conversations whose history is being read, page by page, up to the newest message. */
  private final Set<String> catchingUp = new HashSet<>();

  /** Conversations whose next page waits for the socket to take what it was handed. */
  private final Set<String> waitingForRoom = new HashSet<>();

  MessageFeed(
      ActorContext<Session.Event> context,
      ConversationHistory history,
      OutgoingWindow window,
      Consumer<Object> send,
      Metrics metrics) {
    this.context = context;
    this.history = history;
    this.window = window;
    this.send = send;
    this.metrics = metrics;
  }

  /** The client asked for every message after {@code afterSeq}: the feed goes on from there. */
  void followFrom(String conversationId, long afterSeq) {
    delivered.put(conversationId, afterSeq);
    ended.remove(conversationId);
  }

  /**
   * Follows a conversation from its first message, unless followed already (then it keeps its
   * place: sending its messages again from the first would repeat them). True if newly followed.
   */
  boolean followFromStart(String conversationId) {
    return delivered.putIfAbsent(conversationId, 0L) == null;
  }

  /** The conversation's subscription ended: nothing to renew, nothing more to send. */
  void forget(String conversationId) {
    delivered.remove(conversationId);
    newest.remove(conversationId);
    catchingUp.remove(conversationId);
    waitingForRoom.remove(conversationId);
    ended.remove(conversationId);
  }

  /** The conversations to subscribe to again, each with the last {@code seq} sent. */
  void forEachToRenew(BiConsumer<String, Long> renew) {
    delivered.forEach(
        (conversationId, seq) -> {
          if (!ended.contains(conversationId)) {
            renew.accept(conversationId, seq);
          }
        });
  }

  void onMessagePosted(Conversation.MessagePosted posted) {
    String conversationId = posted.conversationId();
    long seq = posted.message().seq();
    Long last = delivered.get(conversationId);
    if (last == null || seq == last + 1) {
      deliver(conversationId, posted.message());
    } else if (seq > last + 1) {
      newest.merge(conversationId, seq, Math::max);
      catchUp(conversationId);
    }
  }

  /** A status names the conversation's last {@code seq}: the client catches up to it if behind. */
  void onStatus(Conversation.StatusChanged status) {
    Long last = delivered.putIfAbsent(status.conversationId(), status.lastSeq());
    if (last != null && status.lastSeq() > last) {
      newest.merge(status.conversationId(), status.lastSeq(), Math::max);
      catchUp(status.conversationId());
    }
    if (status.status().equals("closed")) {
      ended.add(status.conversationId());
    }
  }

  void onPageRead(Session.PageRead read) {
    String conversationId = read.conversationId();
    if (!catchingUp.contains(conversationId)) {
      return;
    }
    if (read.failure() != null) {
      // the periodic renewal finds the gap again
      catchingUp.remove(conversationId);
      return;
    }
    for (Conversation.Message message : read.page().messages()) {
      Long last = delivered.get(conversationId);
      if (last != null && message.seq() == last + 1) {
        deliver(conversationId, message);
      }
    }
    long target = newest.merge(conversationId, read.page().lastSeq(), Math::max);
    Long last = delivered.get(conversationId);
    if (last != null && last < target && !read.page().messages().isEmpty()) {
      readNextPage(conversationId);
    } else {
      catchingUp.remove(conversationId);
    }
  }

  /** The socket took most of what it was handed: the pages waiting for room are read. */
  void onDrained() {
    List<String> waiting = List.copyOf(waitingForRoom);
    waitingForRoom.clear();
    waiting.forEach(this::readNextPage);
  }

  private void deliver(String conversationId, Conversation.Message message) {
    delivered.put(conversationId, message.seq());
    send.accept(ServerFrames.message(conversationId, message));
    metrics.messages().delivered();
  }

  private void catchUp(String conversationId) {
    if (catchingUp.add(conversationId)) {
      readNextPage(conversationId);
    }
  }

  /** Reads the page after the last message sent, once the socket has room for it. */
  private void readNextPage(String conversationId) {
    Long last = delivered.get(conversationId);
    if (last == null) {
      catchingUp.remove(conversationId);
      return;
    }
    if (!window.hasRoom()) {
      waitingForRoom.add(conversationId);
      ActorRef<Session.Event> self = context.getSelf();
      window.whenDrained(() -> self.tell(new Session.Drained()));
      return;
    }
    context.pipeToSelf(
        history.page(conversationId, last, HISTORY_PAGE),
        (page, failure) -> new Session.PageRead(conversationId, page, failure));
  }
}
