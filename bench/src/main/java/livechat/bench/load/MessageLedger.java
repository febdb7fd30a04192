package livechat.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Every message of a run, by clientMessageId: when it was meant to be sent, when it was
 * acknowledged and with which seq, and whether the other side received it, once. Latencies are
 * measured from the intended send time, so a late sender does not hide its own delay.
 *
 * <p>Lost is a message acknowledged but never received by the other side; duplicated is a seq a
 * socket received more than once.
 */
public final class MessageLedger {

  private static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  private final Set<String> receipts = ConcurrentHashMap.newKeySet();
  private final Recorder delivery = new Recorder(MAX_MICROS, 3);
  private final Recorder ack = new Recorder(MAX_MICROS, 3);
  private final LongAdder sent = new LongAdder();
  private final LongAdder received = new LongAdder();
  private final LongAdder duplicated = new LongAdder();
  private final LongAdder errors = new LongAdder();
  private final Object drained = new Object();
  private long open;
  private volatile long lastDeliveryNanos;
  private final long epochNanosAtZero = System.currentTimeMillis() * 1_000_000 - System.nanoTime();

  private static final class Entry {
    final Role from;
    final long intendedNanos;
    volatile long seq = -1;
    volatile long ackNanos;
    volatile long deliveredNanos;
    volatile boolean delivered;
    volatile boolean failed;

    Entry(Role from, long intendedNanos) {
      this.from = from;
      this.intendedNanos = intendedNanos;
    }
  }

  public void sent(String clientMessageId, Role from, long intendedNanos) {
    entries.put(clientMessageId, new Entry(from, intendedNanos));
    sent.increment();
    synchronized (drained) {
      open++;
    }
  }

  public void acked(String clientMessageId, long seq, long nowNanos) {
    Entry entry = entries.get(clientMessageId);
    if (entry != null && entry.seq < 0) {
      entry.seq = seq;
      entry.ackNanos = nowNanos;
      ack.recordValue(micros(nowNanos - entry.intendedNanos));
    }
  }

  public void failed(String clientMessageId) {
    Entry entry = clientMessageId == null ? null : entries.get(clientMessageId);
    errors.increment();
    if (entry != null && !entry.failed && !entry.delivered) {
      entry.failed = true;
      close();
    }
  }

  /**
   * A message frame arrived at a socket of {@code receiver}'s side. Returns whether it is the first
   * delivery of one of this run's messages to the other side, the one a driver answers.
   */
  public boolean received(
      String conversationId, Role receiver, long seq, String clientMessageId, long nowNanos) {
    if (!receipts.add(conversationId + '/' + receiver + '/' + seq)) {
      duplicated.increment();
      return false;
    }
    Entry entry = clientMessageId == null ? null : entries.get(clientMessageId);
    if (entry == null || entry.from == receiver || entry.delivered) {
      return false;
    }
    entry.delivered = true;
    entry.deliveredNanos = nowNanos;
    received.increment();
    delivery.recordValue(micros(nowNanos - entry.intendedNanos));
    lastDeliveryNanos = nowNanos;
    if (!entry.failed) {
      close();
    }
    return true;
  }

  private void close() {
    synchronized (drained) {
      if (--open == 0) {
        drained.notifyAll();
      }
    }
  }

  /** Waits until every message sent was delivered or refused, or the timeout passed. */
  public boolean awaitDrained(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    synchronized (drained) {
      while (open > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(drained, left);
      }
      return true;
    }
  }

  public long lastDeliveryNanos() {
    return lastDeliveryNanos;
  }

  public Tally tally() {
    long lost = 0;
    long unacked = 0;
    for (Entry entry : entries.values()) {
      if (entry.seq >= 0 && !entry.delivered) {
        lost++;
      } else if (entry.seq < 0 && !entry.failed && !entry.delivered) {
        unacked++;
      }
    }
    return new Tally(
        sent.sum(),
        received.sum(),
        lost,
        duplicated.sum(),
        errors.sum(),
        unacked,
        delivery.getIntervalHistogram(),
        ack.getIntervalHistogram());
  }

  /**
   * Writes every message as a CSV line, in the order they were meant to be sent: when (Unix epoch
   * milliseconds), then its send→ack and send→receive in milliseconds, empty where there was none.
   * To line the slow ones up with other logs, such as the collectors' pauses.
   */
  public void writeTimeline(Path file) throws IOException {
    try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(file))) {
      out.println("intended_epoch_ms,ack_ms,delivery_ms");
      entries.values().stream()
          .sorted(Comparator.comparingLong(entry -> entry.intendedNanos))
          .forEach(
              entry ->
                  out.printf(
                      Locale.ROOT,
                      "%d,%s,%s%n",
                      (epochNanosAtZero + entry.intendedNanos) / 1_000_000,
                      entry.seq < 0 ? "" : millis(entry.ackNanos - entry.intendedNanos),
                      entry.delivered ? millis(entry.deliveredNanos - entry.intendedNanos) : ""));
    }
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  private static long micros(long nanos) {
    return Math.min(MAX_MICROS, Math.max(0, nanos / 1_000));
  }

  /** The counts and latency histograms (microseconds) of a run. */
  public record Tally(
      long sent,
      long received,
      long lost,
      long duplicated,
      long errors,
      long unacked,
      Histogram delivery,
      Histogram ack) {}
}
