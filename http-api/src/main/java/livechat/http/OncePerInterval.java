package livechat.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Lets something happen at most once per interval per key: an operator's activity passed on to its
 * entity, a participant's typing passed on to its conversation.
 */
public final class OncePerInterval {

  private final long intervalNanos;
  private final Map<String, Long> lastAllowed = new ConcurrentHashMap<>();

  public OncePerInterval(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** Whether it may happen for this key now; two threads at once may both be told yes. */
  public boolean due(String key) {
    long now = System.nanoTime();
    Long previous = lastAllowed.get(key);
    if (previous != null && now - previous < intervalNanos) {
      return false;
    }
    lastAllowed.put(key, now);
    return true;
  }
}
