package livechat.http.auth;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How often this node tells an operator entity of the operator's activity: at most once per
 * interval per operator, so that a busy operator's every frame and request does not become a
 * message to its entity. The entity writes activity far more rarely still ({@code
 * livechat.operator.activity-resolution}), so the interval costs no precision worth having.
 */
final class ActivityReports {

  private final long intervalNanos;
  private final Map<String, Long> lastReported = new ConcurrentHashMap<>();

  ActivityReports(Duration interval) {
    this.intervalNanos = interval.toNanos();
  }

  /** The interval for an activity resolution: a tenth of it, at most 5 s. */
  static Duration intervalFor(Duration activityResolution) {
    Duration tenth = activityResolution.dividedBy(10);
    Duration most = Duration.ofSeconds(5);
    return tenth.compareTo(most) < 0 ? tenth : most;
  }

  /** Whether to report the operator's activity now; two threads may both be told yes. */
  boolean due(String operatorId) {
    long now = System.nanoTime();
    Long previous = lastReported.get(operatorId);
    if (previous != null && now - previous < intervalNanos) {
      return false;
    }
    lastReported.put(operatorId, now);
    return true;
  }
}
