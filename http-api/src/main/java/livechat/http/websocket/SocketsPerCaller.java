package livechat.http.websocket;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The sockets open on this node per caller (an operator, or a visitor's conversation): at most
 * {@code livechat.websocket.max-sockets-per-token} each, so that one token cannot hold a node's
 * connections. The count is this node's own.
 */
final class SocketsPerCaller {

  private final int max;
  private final Map<String, Integer> open = new ConcurrentHashMap<>();

  SocketsPerCaller(int max) {
    this.max = max;
  }

  /** Counts a new socket for the caller, unless it already has the most it may. */
  boolean tryOpen(String caller) {
    boolean[] opened = {false};
    open.compute(
        caller,
        (key, count) -> {
          int current = count == null ? 0 : count;
          if (current >= max) {
            return count;
          }
          opened[0] = true;
          return current + 1;
        });
    return opened[0];
  }

  void closed(String caller) {
    open.computeIfPresent(caller, (key, count) -> count <= 1 ? null : count - 1);
  }
}
