package livechat.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import livechat.engine.MemberView;
import livechat.engine.Router;

/**
 * The router alone: how many assignments per second it decides, and the 99th percentile of the time
 * one decision takes, with 1, 10 and 100 operators in a channel.
 *
 * <p>Each assignment chooses the member for a visitor (languages vary), gives it the conversation
 * and updates that member's load and last assignment, as the channel does; only that is timed. A
 * random held conversation then ends, untimed, so that the channel stays busy but not full. Each
 * size is warmed up, then measured over several rounds; the median round is printed.
 */
public final class RouterBenchmark {

  private static final int[] OPERATORS = {1, 10, 100};
  private static final int CAPACITY = 5;
  private static final int WARMUP_ASSIGNMENTS = 100_000;
  private static final int ROUND_ASSIGNMENTS = 100_000;
  private static final int ROUNDS = 5;
  private static final String[] LANGUAGES = {"en_US", "fr_FR", "fr_BE", "de_DE", "es_ES", "nl_NL"};

  private RouterBenchmark() {}

  public static void main(String[] args) {
    System.out.printf(
        "router benchmark: %d rounds of %,d assignments per size, median round shown%n",
        ROUNDS, ROUND_ASSIGNMENTS);
    System.out.printf(
        "%-10s %18s %14s %14s%n", "operators", "assignments/s", "p50 (us)", "p99 (us)");
    for (int operators : OPERATORS) {
      Channel channel = new Channel(operators, new SplittableRandom(operators));
      channel.run(WARMUP_ASSIGNMENTS);
      List<Result> rounds = new ArrayList<>();
      for (int round = 0; round < ROUNDS; round++) {
        rounds.add(channel.run(ROUND_ASSIGNMENTS));
      }
      rounds.sort((a, b) -> Double.compare(a.perSecond(), b.perSecond()));
      Result median = rounds.get(ROUNDS / 2);
      System.out.printf(
          Locale.ROOT,
          "%-10d %,18.0f %14.2f %14.2f%n",
          operators,
          median.perSecond(),
          median.p50Micros(),
          median.p99Micros());
    }
  }

  private record Result(double perSecond, double p50Micros, double p99Micros) {}

  /** A channel's members as the router sees them, with their held conversations. */
  private static final class Channel {
    private final Router router = new Router(1);
    private final Map<String, Router.Candidate> members = new LinkedHashMap<>();
    private final SplittableRandom random;
    private long clock = 0;

    Channel(int operators, SplittableRandom random) {
      this.random = random;
      for (int i = 0; i < operators; i++) {
        String id = "operator-" + i;
        List<String> extra = List.of(LANGUAGES[(i + 1) % LANGUAGES.length]);
        members.put(
            id,
            new Router.Candidate(
                new MemberView(id, LANGUAGES[i % LANGUAGES.length], extra, 0, CAPACITY), i, null));
      }
    }

    Result run(int assignments) {
      long[] nanos = new long[assignments];
      long deciding = 0;
      for (int i = 0; i < assignments; i++) {
        String language = LANGUAGES[random.nextInt(LANGUAGES.length)];
        long before = System.nanoTime();
        assign(language);
        nanos[i] = System.nanoTime() - before;
        deciding += nanos[i];
        endOneConversation();
      }
      Arrays.sort(nanos);
      return new Result(
          assignments / (deciding / 1e9),
          nanos[assignments / 2] / 1e3,
          nanos[(int) (assignments * 0.99)] / 1e3);
    }

    private void assign(String language) {
      Optional<Router.Candidate> chosen = router.best(members.values(), language);
      if (chosen.isEmpty()) {
        return;
      }
      Router.Candidate best = chosen.get();
      MemberView view = best.view();
      members.put(
          view.operatorId(),
          new Router.Candidate(
              view.withActive(view.active() + 1),
              best.joinOrder(),
              Instant.ofEpochSecond(++clock)));
    }

    /** Ends a conversation of a random busy member, keeping the channel about half full. */
    private void endOneConversation() {
      List<Router.Candidate> busy =
          members.values().stream()
              .filter(member -> member.view().active() > CAPACITY / 2)
              .toList();
      if (busy.isEmpty()) {
        return;
      }
      Router.Candidate member = busy.get(random.nextInt(busy.size()));
      MemberView view = member.view();
      members.put(
          view.operatorId(),
          new Router.Candidate(
              view.withActive(view.active() - 1), member.joinOrder(), member.lastAssignedAt()));
    }
  }
}
