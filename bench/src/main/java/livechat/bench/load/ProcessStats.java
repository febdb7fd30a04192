package livechat.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a process's CPU time and resident memory from {@code /proc}, and its heap after a full GC
 * and its JIT's compile time with {@code jcmd}.
 */
public final class ProcessStats {

  /** The kernel's clock ticks per second (USER_HZ), 100 on Linux. */
  private static final long TICKS_PER_SECOND = 100;

  private static final Pattern HEAP_USED = Pattern.compile("total (\\d+)K, used (\\d+)K");

  private static final Pattern JIT_TICKS = Pattern.compile("java\\.ci\\.totalTime=(\\d+)");

  private static final Pattern TICKS_A_SECOND =
      Pattern.compile("sun\\.os\\.hrt\\.frequency=(\\d+)");

  private ProcessStats() {}

  /** CPU time (user + system) and RSS of a process at one instant. */
  public record Sample(long pid, long cpuNanos, long rssBytes, long atNanos) {

    /** The share of one core used between {@code earlier} and this sample, in percent. */
    public double cpuPercentSince(Sample earlier) {
      long wall = atNanos - earlier.atNanos;
      return wall <= 0 ? 0 : 100.0 * (cpuNanos - earlier.cpuNanos) / wall;
    }
  }

  public static Optional<Sample> sample(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // fields after the command name, which is in parentheses and may hold spaces
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
      long rssPages = Long.parseLong(fields[21]);
      return Optional.of(
          new Sample(
              pid,
              TimeUnit.SECONDS.toNanos(ticks) / TICKS_PER_SECOND,
              rssPages * 4096,
              System.nanoTime()));
    } catch (IOException | RuntimeException gone) {
      return Optional.empty();
    }
  }

  /** Runs a full GC in the process and returns its heap's used bytes after it. */
  public static Optional<Long> heapAfterFullGc(long pid) {
    try {
      jcmd(pid, "GC.run");
      Matcher used = HEAP_USED.matcher(jcmd(pid, "GC.heap_info"));
      return used.find() ? Optional.of(Long.parseLong(used.group(2)) * 1024) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /**
   * The time a JVM's JIT compilers have spent compiling since it started, summed over its compiler
   * threads, from its performance counters; empty when the process is gone or not a JVM.
   */
  public static Optional<Long> jitNanos(long pid) {
    try {
      String counters = jcmd(pid, "PerfCounter.print");
      Matcher ticks = JIT_TICKS.matcher(counters);
      Matcher frequency = TICKS_A_SECOND.matcher(counters);
      if (!ticks.find() || !frequency.find()) {
        return Optional.empty();
      }
      double nanosPerTick = 1e9 / Long.parseLong(frequency.group(1));
      return Optional.of(Math.round(Long.parseLong(ticks.group(1)) * nanosPerTick));
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static String jcmd(long pid, String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(List.of(jcmd.toString(), Long.toString(pid), command))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    process.waitFor();
    return output;
  }
}
