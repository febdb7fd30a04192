package livechat.bench.load.scenario;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * An open-loop schedule: event {@code k} is due at start + k / rate, whatever the answers, so that
 * a server that falls behind shows it in latencies counted from the due time.
 */
final class OpenLoop {

  /** Does something due, given its number and due time ({@link System#nanoTime}). */
  interface Due {
    void at(long k, long dueNanos);
  }

  private OpenLoop() {}

  /** Calls {@code due} for each of {@code rate} events a second over {@code duration}, on time. */
  static void run(long startNanos, int rate, Duration duration, Due due) {
    long interval = TimeUnit.SECONDS.toNanos(1) / rate;
    long total = duration.toSeconds() * rate;
    for (long k = 0; k < total; k++) {
      long dueNanos = startNanos + k * interval;
      for (long wait = dueNanos - System.nanoTime();
          wait > 0;
          wait = dueNanos - System.nanoTime()) {
        LockSupport.parkNanos(wait); // pacing the schedule
      }
      due.at(k, dueNanos);
    }
  }
}
