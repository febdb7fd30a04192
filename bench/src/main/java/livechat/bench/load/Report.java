package livechat.bench.load;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One scenario's result on one target, printed as one line: rate, latencies, the ledger's counts,
 * the processes' CPU and RSS, and what else the scenario measured.
 */
public record Report(
    String scenario,
    String target,
    double rate,
    MessageLedger.Tally tally,
    List<ResourceMeter.Usage> usage,
    double timedP99Millis,
    Map<String, String> extras) {

  public static Report of(
      String scenario,
      String target,
      double rate,
      MessageLedger.Tally tally,
      List<ResourceMeter.Usage> usage) {
    return new Report(scenario, target, rate, tally, usage, Double.NaN, new LinkedHashMap<>());
  }

  /** The same report with the p99 of what a scenario without messages timed (starts). */
  public Report withTimedP99Millis(double p99) {
    return new Report(scenario, target, rate, tally, usage, p99, extras);
  }

  /** Whether the run offered a rate, whatever the answers (open loop): it says which. */
  public boolean openLoop() {
    return extras.containsKey("offered");
  }

  /** The run's p99: of its messages' send→receive, or of what else it timed; NaN if neither. */
  public double p99Millis() {
    return tally == null ? timedP99Millis : deliveryP99Millis();
  }

  public Report with(String key, String value) {
    extras.put(key, value);
    return this;
  }

  public double deliveryP99Millis() {
    return tally == null ? Double.NaN : millis(tally.delivery(), 99);
  }

  public double deliveryP50Millis() {
    return tally == null ? Double.NaN : millis(tally.delivery(), 50);
  }

  public String line() {
    StringBuilder line = new StringBuilder();
    line.append(String.format(Locale.ROOT, "%-13s %-5s", scenario, target));
    if (tally == null && !Double.isNaN(rate)) {
      line.append(String.format(Locale.ROOT, " %8.0f /s", rate));
    }
    if (tally != null) {
      Histogram d = tally.delivery();
      Histogram a = tally.ack();
      line.append(
          String.format(
              Locale.ROOT,
              " %8.0f msg/s | send→recv p50 %s p99 %s max %s ms | send→ack p50 %s p99 %s ms"
                  + " | sent %d recv %d lost %d dup %d err %d unacked %d",
              rate,
              fmt(millis(d, 50)),
              fmt(millis(d, 99)),
              fmt(d.getMaxValue() / 1000.0),
              fmt(millis(a, 50)),
              fmt(millis(a, 99)),
              tally.sent(),
              tally.received(),
              tally.lost(),
              tally.duplicated(),
              tally.errors(),
              tally.unacked()));
    }
    line.append(" | cpu");
    usage.forEach(
        u -> line.append(String.format(Locale.ROOT, " %s %.0f%%", u.process(), u.cpuPercent())));
    line.append(" | rss");
    usage.forEach(u -> line.append(" ").append(u.process()).append(" ").append(mib(u.rssBytes())));
    extras.forEach((key, value) -> line.append(" | ").append(key).append(" ").append(value));
    return line.toString();
  }

  /** The node's figures as ratios to the ceiling's. */
  public static String ratio(Report node, Report ceiling) {
    String line =
        String.format(Locale.ROOT, "%-13s %-5s", node.scenario, "ratio")
            + String.format(
                Locale.ROOT,
                " rate %s of ceiling | send→recv p50 %s× p99 %s× the ceiling's",
                fmt(node.rate / ceiling.rate),
                fmt(node.deliveryP50Millis() / ceiling.deliveryP50Millis()),
                fmt(node.deliveryP99Millis() / ceiling.deliveryP99Millis()));
    return line;
  }

  private static double millis(Histogram histogram, double percentile) {
    return histogram.getTotalCount() == 0
        ? Double.NaN
        : histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  static String fmt(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "n/a";
    }
    return value >= 100
        ? String.format(Locale.ROOT, "%.0f", value)
        : String.format(Locale.ROOT, value >= 10 ? "%.1f" : "%.2f", value);
  }

  static String mib(long bytes) {
    return bytes / (1024 * 1024) + "MiB";
  }
}
