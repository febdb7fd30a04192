package livechat.http.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * At most {@code perMinute} of one kind of request per client address (a Bucket4j token bucket
 * each, refilled greedily). The addresses are kept least recently used first, at most {@code
 * trackedAddresses} of them, so that a flood of addresses costs bounded memory.
 */
public final class AddressRateLimit {

  private final long perMinute;
  private final Map<String, Bucket> buckets;

  public AddressRateLimit(long perMinute, int trackedAddresses) {
    this.perMinute = perMinute;
    this.buckets =
        Collections.synchronizedMap(
            new LinkedHashMap<>(16, 0.75f, true) {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > trackedAddresses;
              }
            });
  }

  /** Takes one request for the address; when refused, how long until one is allowed again. */
  public Optional<Duration> take(String address) {
    ConsumptionProbe probe =
        buckets.computeIfAbsent(address, key -> newBucket()).tryConsumeAndReturnRemaining(1);
    return probe.isConsumed()
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(probe.getNanosToWaitForRefill()));
  }

  private Bucket newBucket() {
    return Bucket.builder()
        .addLimit(
            Bandwidth.builder()
                .capacity(perMinute)
                .refillGreedy(perMinute, Duration.ofMinutes(1))
                .build())
        .build();
  }
}
