package livechat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * How long the machine itself stops running a busy thread: some threads read the clock in a loop,
 * allocating nothing, and every jump between two readings longer than a threshold is a time the
 * thread was not running. With as many threads as cores, nothing else running, a jump is the
 * kernel's or the hypervisor's doing; a message in flight then waits at least as long.
 *
 * <p>Arguments: threads (default 2), seconds (default 15), threshold in milliseconds (default 10).
 * Prints the count, the longest and each jump with its time since the start, then the state of the
 * kernel's DAMON monitors if it has any: on the benchmarks' machines, a DAMON page-out scheme that
 * was on stopped both cores for 10–40 ms about every half second (see BENCHMARKS.md).
 */
public final class MachineStops {

  private record Stop(long atNanos, long lengthNanos) {}

  public static void main(String[] args) throws InterruptedException {
    int threads = args.length > 0 ? Integer.parseInt(args[0]) : 2;
    long seconds = args.length > 1 ? Long.parseLong(args[1]) : 15;
    long thresholdNanos = (args.length > 2 ? Long.parseLong(args[2]) : 10) * 1_000_000;
    long start = System.nanoTime();
    long end = start + seconds * 1_000_000_000L;
    List<Stop> stops = new ArrayList<>();
    List<Thread> readers = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      List<Stop> own = new ArrayList<>();
      Thread reader =
          new Thread(
              () -> {
                record(end, thresholdNanos, own);
                synchronized (stops) {
                  stops.addAll(own);
                }
              },
              "clock-reader-" + i);
      readers.add(reader);
      reader.start();
    }
    for (Thread reader : readers) {
      reader.join();
    }
    stops.sort((a, b) -> Long.compare(a.atNanos(), b.atNanos()));
    long longest = stops.stream().mapToLong(Stop::lengthNanos).max().orElse(0);
    System.out.printf(
        Locale.ROOT,
        "%d threads, %d s: %d stops over %d ms, the longest %.1f ms%n",
        threads,
        seconds,
        stops.size(),
        thresholdNanos / 1_000_000,
        longest / 1e6);
    if (!stops.isEmpty()) {
      StringBuilder each = new StringBuilder();
      for (Stop stop : stops) {
        each.append(
            String.format(
                Locale.ROOT,
                "%.2fs:%.0fms ",
                (stop.atNanos() - start) / 1e9,
                stop.lengthNanos() / 1e6));
      }
      System.out.println(each.toString().trim());
    }
    damonMonitors().forEach(System.out::println);
  }

  /** One line per DAMON monitor the kernel runs ({@code kdamond}), empty without any. */
  private static List<String> damonMonitors() {
    Path admin = Path.of("/sys/kernel/mm/damon/admin/kdamonds");
    if (!Files.isDirectory(admin)) {
      return List.of();
    }
    try (Stream<Path> monitors = Files.list(admin)) {
      return monitors
          .filter(Files::isDirectory)
          .sorted()
          .map(
              monitor ->
                  "DAMON monitor "
                      + monitor.getFileName()
                      + ": "
                      + state(monitor.resolve("state"))
                      + " (turned off with: echo off > "
                      + monitor.resolve("state")
                      + ")")
          .toList();
    } catch (IOException e) {
      return List.of("DAMON monitors unreadable: " + e.getMessage());
    }
  }

  private static String state(Path file) {
    try {
      return Files.readString(file).strip();
    } catch (IOException e) {
      return "unreadable";
    }
  }

  private static void record(long end, long thresholdNanos, List<Stop> stops) {
    long previous = System.nanoTime();
    while (previous < end) {
      long now = System.nanoTime();
      if (now - previous > thresholdNanos) {
        stops.add(new Stop(previous, now - previous));
      }
      previous = now;
    }
  }
}
