package livechat.http.limits;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.AttributeKeys;
import org.apache.pekko.http.javadsl.model.RemoteAddress;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The per-address limits of the requests that are cheap to send and dear to serve: conversation
 * starts (each creates entities) and logins (each costs a bcrypt hash). Over a limit, the answer is
 * {@code 429 rate_limited} with {@code Retry-After}, and nothing is done.
 */
public final class RateLimits extends AllDirectives {

  private final AddressRateLimit starts;
  private final AddressRateLimit logins;
  private final ClientAddress clientAddress;

  public RateLimits(Config limits) {
    int tracked = limits.getInt("tracked-addresses");
    this.starts = new AddressRateLimit(limits.getLong("conversation-starts-per-minute"), tracked);
    this.logins = new AddressRateLimit(limits.getLong("logins-per-minute"), tracked);
    this.clientAddress = new ClientAddress(limits.getString("trusted-proxies"));
  }

  public Route conversationStart(Supplier<Route> inner) {
    return limited(starts, "Too many conversations started from this address", inner);
  }

  public Route login(Supplier<Route> inner) {
    return limited(logins, "Too many login attempts from this address", inner);
  }

  private Route limited(AddressRateLimit limit, String what, Supplier<Route> inner) {
    return optionalAttribute(
        AttributeKeys.remoteAddress,
        remote ->
            optionalHeaderValueByName(
                "X-Forwarded-For",
                forwardedFor -> {
                  Optional<Duration> wait =
                      limit.take(clientAddress.of(peer(remote), forwardedFor));
                  if (wait.isEmpty()) {
                    return inner.get();
                  }
                  long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
                  return failWith(
                      new RateLimited(what + "; try again in " + seconds + " s.", seconds));
                }));
  }

  /** The peer of the connection (the remote-address attribute, never a header). */
  private static String peer(Optional<RemoteAddress> remote) {
    return remote
        .flatMap(RemoteAddress::getAddress)
        .map(address -> address.getHostAddress())
        .orElse("unknown");
  }
}
