package livechat.engine.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** A visitor's messages of the last minute, against {@code visitor-messages-per-minute}. */
final class VisitorSendRate {

  private final int perMinute;

  /** When the visitor's messages of the last minute were sent, oldest first. */
  private final Deque<Instant> sends = new ArrayDeque<>();

  VisitorSendRate(int perMinute) {
    this.perMinute = perMinute;
  }

  /** Counts a message sent at {@code now}; false, and not counted, when over the limit. */
  boolean tryAcquire(Instant now) {
    Instant minuteAgo = now.minus(Duration.ofMinutes(1));
    while (!sends.isEmpty() && !sends.peekFirst().isAfter(minuteAgo)) {
      sends.pollFirst();
    }
    if (sends.size() >= perMinute) {
      return false;
    }
    sends.addLast(now);
    return true;
  }
}
