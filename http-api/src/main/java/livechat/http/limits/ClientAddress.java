package livechat.http.limits;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The address a request comes from: the peer's, unless the peer is one of the trusted proxies
 * ({@code livechat.limits.trusted-proxies}); then the last address of {@code X-Forwarded-For} that
 * is not itself a trusted proxy. A client cannot choose its address by sending the header itself.
 */
public final class ClientAddress {

  private final Set<String> trustedProxies;

  public ClientAddress(String trustedProxies) {
    this.trustedProxies =
        Arrays.stream(trustedProxies.split(","))
            .map(String::trim)
            .filter(address -> !address.isEmpty())
            .collect(Collectors.toUnmodifiableSet());
  }

  public String of(String peer, Optional<String> forwardedFor) {
    if (!trustedProxies.contains(peer) || forwardedFor.isEmpty()) {
      return peer;
    }
    List<String> hops = Arrays.stream(forwardedFor.get().split(",")).map(String::trim).toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!hops.get(i).isEmpty() && !trustedProxies.contains(hops.get(i))) {
        return hops.get(i);
      }
    }
    return peer;
  }
}
