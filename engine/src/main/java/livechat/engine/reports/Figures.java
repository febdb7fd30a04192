package livechat.engine.reports;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The median and 90th percentile of a set of durations in seconds, by the nearest-rank method (the
 * value at rank ⌈p × n⌉ of the sorted values); both null for an empty set.
 */
public record Figures(Double p50, Double p90) {

  public static Figures of(List<Double> values) {
    if (values.isEmpty()) {
      return new Figures(null, null);
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return new Figures(rank(sorted, 0.5), rank(sorted, 0.9));
  }

  private static Double rank(List<Double> sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.size());
    return sorted.get(Math.max(1, rank) - 1);
  }
}
