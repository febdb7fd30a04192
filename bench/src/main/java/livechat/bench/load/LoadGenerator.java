package livechat.bench.load;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.DoubleSummaryStatistics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import livechat.bench.load.scenario.AssignmentScenario;
import livechat.bench.load.scenario.DepthScenario;
import livechat.bench.load.scenario.PingPongScenario;
import livechat.bench.load.scenario.Scenario;
import livechat.bench.load.scenario.SocketsScenario;
import livechat.bench.load.scenario.SteadyScenario;

/**
 * The end-to-end load generator: runs the chosen scenarios against the node and the ceiling relay,
 * alternating them run by run, prints each run's line, then per scenario the median run of each
 * target and the node's figures as ratios to the ceiling's. Speaks only the public API.
 *
 * <p>See {@link Options#USAGE}; BENCHMARKS.md gives the commands and the figures.
 */
public final class LoadGenerator {

  private LoadGenerator() {}

  public static void main(String[] args) throws Exception {
    Options options = Options.parse(args);
    Path work = options.repository().resolve("bench/target/load");
    Files.createDirectories(work);
    ExecutorService callbacks = Executors.newFixedThreadPool(4, daemon());
    HttpClient http =
        HttpClient.newBuilder()
            .executor(callbacks)
            .connectTimeout(Duration.ofSeconds(30))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    List<Scenario> scenarios = scenarios(options);
    List<Target> targets = new ArrayList<>();
    try (PrintWriter out = results(work)) {
      for (String name : options.targets()) {
        targets.add(
            name.equals("node")
                ? NodeTarget.open(http, options, work)
                : RelayTarget.open(
                    http, options.relayUrl(), options.relayPort(), options.serverJavaHome(), work));
      }
      print(out, "# " + Instant.now() + " " + String.join(" ", args));
      WarmUp warmUp = new WarmUp(options.warmup(), options.warmupMax());
      for (Target target : targets) {
        print(out, warmUp.run(target, WarmUp.MESSAGING));
      }
      for (Scenario scenario : scenarios) {
        Optional<Function<Duration, Scenario>> ownWarmUp = scenario.ownWarmUp();
        for (Target target : targets) {
          if (ownWarmUp.isPresent() && scenario.supports(target)) {
            print(out, warmUp.run(target, ownWarmUp.get()));
          }
        }
        run(scenario, targets, options.repeat(), out);
      }
    } finally {
      for (Target target : targets) {
        target.close();
      }
    }
    System.exit(0);
  }

  private static void run(Scenario scenario, List<Target> targets, int repeat, PrintWriter out)
      throws Exception {
    Map<String, List<Report>> reports = new LinkedHashMap<>();
    for (int round = 1; round <= repeat; round++) {
      for (Target target : targets) {
        if (!scenario.supports(target)) {
          continue;
        }
        Report report = scenario.run(target);
        reports.computeIfAbsent(target.name(), t -> new ArrayList<>()).add(report);
        print(out, "  run " + round + ": " + report.line());
      }
    }
    Map<String, Report> medians = new LinkedHashMap<>();
    reports.forEach(
        (target, runs) -> {
          Report median = median(runs);
          medians.put(target, median);
          print(out, median.line() + spread(runs));
        });
    if (medians.containsKey("node") && medians.containsKey("relay")) {
      print(out, Report.ratio(medians.get("node"), medians.get("relay")));
    }
  }

  /**
   * The median run by rate; by p99 where the rates agree within 1 % or the scenario is open-loop
   * (it offers its rate), so that the median's p99 is the median p99.
   */
  private static Report median(List<Report> runs) {
    List<Report> sorted = new ArrayList<>(runs);
    if (runs.stream().noneMatch(r -> Double.isNaN(r.rate()))) {
      DoubleSummaryStatistics rates = statistics(runs, Report::rate);
      boolean byP99 =
          runs.stream().noneMatch(r -> Double.isNaN(r.p99Millis()))
              && (rates.getMax() <= rates.getMin() * 1.01
                  || runs.stream().allMatch(Report::openLoop));
      sorted.sort(Comparator.comparingDouble(byP99 ? Report::p99Millis : Report::rate));
    }
    return sorted.get(sorted.size() / 2);
  }

  private static String spread(List<Report> runs) {
    if (runs.size() < 2 || runs.stream().anyMatch(r -> Double.isNaN(r.rate()))) {
      return "";
    }
    DoubleSummaryStatistics rates = statistics(runs, Report::rate);
    String spread =
        " | median of %d: rate %s–%s"
            .formatted(runs.size(), Report.fmt(rates.getMin()), Report.fmt(rates.getMax()));
    if (runs.stream().anyMatch(r -> Double.isNaN(r.p99Millis()))) {
      return spread;
    }
    DoubleSummaryStatistics p99s = statistics(runs, Report::p99Millis);
    return spread
        + ", p99 %s–%s ms".formatted(Report.fmt(p99s.getMin()), Report.fmt(p99s.getMax()));
  }

  private static DoubleSummaryStatistics statistics(
      List<Report> runs, ToDoubleFunction<Report> figure) {
    return runs.stream().mapToDouble(figure).summaryStatistics();
  }

  private static List<Scenario> scenarios(Options options) {
    Duration d = options.duration();
    List<Scenario> all =
        List.of(
            new PingPongScenario("ping-pong-1", 1, 1, d),
            new PingPongScenario("ping-pong-50", 50, 1, d),
            new PingPongScenario("saturation", 200, 32, d),
            new SteadyScenario("steady-500", 1_000, 500, d),
            new SteadyScenario("steady-2000", 1_000, 2_000, d),
            new DepthScenario(options.depth(), Math.min(1_000, options.depth() / 4)),
            new AssignmentScenario(options.startRate(), 100, Duration.ofSeconds(20)),
            new SocketsScenario(options.sockets()));
    if (options.scenario().equals("all")) {
      return all;
    }
    List<String> names = List.of(options.scenario().split(","));
    List<Scenario> chosen = all.stream().filter(s -> names.contains(s.name())).toList();
    if (chosen.size() != names.size()) {
      throw new IllegalArgumentException("unknown scenario in " + names + "\n" + Options.USAGE);
    }
    return chosen;
  }

  private static PrintWriter results(Path work) throws IOException {
    return new PrintWriter(
        Files.newBufferedWriter(
            work.resolve("results.txt"), StandardOpenOption.CREATE, StandardOpenOption.APPEND),
        true);
  }

  private static void print(PrintWriter out, String line) {
    if (line.isEmpty()) {
      return;
    }
    System.out.println(line);
    out.println(line);
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return runnable -> {
      Thread thread = new Thread(runnable, "load-client");
      thread.setDaemon(true);
      return thread;
    };
  }
}
