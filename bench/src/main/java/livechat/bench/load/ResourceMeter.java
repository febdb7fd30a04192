package livechat.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The CPU and RSS of the processes a run involves (the server, its store, the generator itself),
 * from a sample at the start of the measured window to one at its end.
 */
public final class ResourceMeter {

  private final Map<String, Long> pids;
  private final Map<String, ProcessStats.Sample> start = new LinkedHashMap<>();

  private ResourceMeter(Map<String, Long> pids) {
    this.pids = pids;
  }

  /** Starts measuring the named processes (name to pid). */
  public static ResourceMeter start(Map<String, Long> pids) {
    ResourceMeter meter = new ResourceMeter(pids);
    pids.forEach((name, pid) -> ProcessStats.sample(pid).ifPresent(s -> meter.start.put(name, s)));
    return meter;
  }

  /** One usage per process: CPU over the window in percent of a core, RSS at its end. */
  public List<Usage> stop() {
    List<Usage> usages = new ArrayList<>();
    start.forEach(
        (name, first) -> {
          Optional<ProcessStats.Sample> last = ProcessStats.sample(first.pid());
          last.ifPresent(s -> usages.add(new Usage(name, s.cpuPercentSince(first), s.rssBytes())));
        });
    return usages;
  }

  public Map<String, Long> pids() {
    return pids;
  }

  public record Usage(String process, double cpuPercent, long rssBytes) {}
}
