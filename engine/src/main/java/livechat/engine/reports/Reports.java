package livechat.engine.reports;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Report figures from the read side's conversation records. The period of a report is the
 * conversations that <em>started</em> in it ({@code from} inclusive, {@code to} exclusive); each
 * counts with what it is now:
 *
 * <ul>
 *   <li>{@code conversations}: all of them, open or closed;
 *   <li>{@code answered}: closed with at least one operator message; {@code missed}: closed
 *       without; open conversations are neither yet;
 *   <li>{@code messages}: visitor and operator messages of the closed ones (counted at the close);
 *   <li>{@code firstAnswerSeconds}: from the visitor's first message to the first operator message
 *       after it, over the answered ones that have both;
 *   <li>{@code durationSeconds}: from the start to the close, over the closed ones;
 *   <li>{@code ratings}: the visitors' last rating, by value; {@code ratedShare}: rated ÷
 *       conversations (null when there are none).
 * </ul>
 *
 * An operator's figures count the conversations whose last operator it is.
 */
public final class Reports {

  private Reports() {}

  public static ChannelReport channel(Collection<ConversationRecord> records) {
    int answered = 0;
    int missed = 0;
    long messages = 0;
    int rated = 0;
    List<Double> firstAnswers = new ArrayList<>();
    List<Double> durations = new ArrayList<>();
    Map<Integer, Integer> ratings = emptyRatings();
    for (ConversationRecord record : records) {
      answered += record.answered() ? 1 : 0;
      missed += record.missed() ? 1 : 0;
      messages += record.messages();
      addSeconds(firstAnswers, record.answered() ? record.firstAnswer() : null);
      addSeconds(durations, record.duration());
      if (record.rating() != null) {
        ratings.merge(record.rating(), 1, Integer::sum);
        rated++;
      }
    }
    return new ChannelReport(
        records.size(),
        answered,
        missed,
        messages,
        Figures.of(firstAnswers),
        Figures.of(durations),
        ratings,
        records.isEmpty() ? null : (double) rated / records.size());
  }

  /** One entry per operator that has conversations in the records, by display name then id. */
  public static List<OperatorReport> operators(Collection<ConversationRecord> records) {
    Map<String, List<ConversationRecord>> byOperator = new TreeMap<>();
    for (ConversationRecord record : records) {
      if (record.operatorId() != null) {
        byOperator.computeIfAbsent(record.operatorId(), id -> new ArrayList<>()).add(record);
      }
    }
    List<OperatorReport> reports = new ArrayList<>();
    byOperator.forEach(
        (operatorId, own) -> {
          List<Double> firstAnswers = new ArrayList<>();
          Map<Integer, Integer> ratings = emptyRatings();
          long messages = 0;
          for (ConversationRecord record : own) {
            messages += record.messages();
            addSeconds(firstAnswers, record.answered() ? record.firstAnswer() : null);
            if (record.rating() != null) {
              ratings.merge(record.rating(), 1, Integer::sum);
            }
          }
          String displayName = own.get(own.size() - 1).operatorDisplayName();
          reports.add(
              new OperatorReport(
                  operatorId,
                  displayName,
                  own.size(),
                  messages,
                  Figures.of(firstAnswers),
                  ratings));
        });
    reports.sort(
        Comparator.comparing(
                (OperatorReport report) -> report.displayName() == null ? "" : report.displayName())
            .thenComparing(OperatorReport::operatorId));
    return List.copyOf(reports);
  }

  private static Map<Integer, Integer> emptyRatings() {
    Map<Integer, Integer> ratings = new LinkedHashMap<>();
    ratings.put(1, 0);
    ratings.put(3, 0);
    ratings.put(5, 0);
    return ratings;
  }

  private static void addSeconds(List<Double> values, Duration duration) {
    if (duration != null) {
      values.add(duration.toMillis() / 1000.0);
    }
  }
}
