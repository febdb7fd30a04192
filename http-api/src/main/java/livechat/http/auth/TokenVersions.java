package livechat.http.auth;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.TokenRevocations;
import livechat.engine.operator.Operator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * The token version of each operator, as this node last heard it, so that checking a token costs no
 * message in the usual case. A version unknown here, or older than {@code
 * livechat.auth.token-version-cache-ttl}, is asked of the operator's entity, which owns it. Every
 * revocation is announced to every node ({@link TokenRevocations}), which remembers the newer
 * version at once; since that notice may be lost, a remembered version is asked again after the
 * cache's time to live, which is the longest a revoked token can still work on a node that missed
 * the notice.
 */
public final class TokenVersions {

  /** Past this many operators, the node forgets them all and asks again. */
  private static final int MAX_REMEMBERED = 100_000;

  private record Known(long version, long sinceNanos) {}

  private final ActorSystem<?> system;
  private final EntityDirectory directory;
  private final Duration askTimeout;
  private final long timeToLiveNanos;
  private final Map<String, Known> known = new ConcurrentHashMap<>();

  public TokenVersions(
      ActorSystem<?> system, EntityDirectory directory, Duration askTimeout, Duration timeToLive) {
    this.system = system;
    this.directory = directory;
    this.askTimeout = askTimeout;
    this.timeToLiveNanos = timeToLive.toNanos();
    TokenRevocations.get(system)
        .subscribe(
            system.systemActorOf(
                Behaviors.receive(TokenRevocations.Revoked.class)
                    .onMessage(
                        TokenRevocations.Revoked.class,
                        revoked -> {
                          remember(revoked.operatorId(), revoked.tokenVersion());
                          return Behaviors.same();
                        })
                    .build(),
                "token-revocations-" + UUID.randomUUID(),
                Props.empty()));
  }

  /** Whether the token version is the operator's current one; false for an unknown operator. */
  public CompletionStage<Boolean> isCurrent(String operatorId, long tokenVersion) {
    Known remembered = known.get(operatorId);
    if (remembered != null && System.nanoTime() - remembered.sinceNanos() < timeToLiveNanos) {
      if (tokenVersion < remembered.version()) {
        return CompletableFuture.completedFuture(false);
      }
      if (tokenVersion == remembered.version()) {
        return CompletableFuture.completedFuture(true);
      }
    }
    return AskPattern.<Operator.Command, Operator.TokenVersion>askWithStatus(
            directory.operator(operatorId),
            Operator.GetTokenVersion::new,
            askTimeout,
            system.scheduler())
        .thenApply(
            current -> {
              long version = remember(operatorId, current.version());
              return tokenVersion == version;
            })
        .exceptionallyCompose(
            failure -> {
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              return cause instanceof Rejection rejection
                      && rejection.kind() == Rejection.Kind.NOT_FOUND
                  ? CompletableFuture.completedFuture(false)
                  : CompletableFuture.failedFuture(cause);
            });
  }

  /** Remembers the version unless a newer one is known; the version now remembered. */
  long remember(String operatorId, long version) {
    if (known.size() >= MAX_REMEMBERED) {
      known.clear();
    }
    long now = System.nanoTime();
    return known
        .merge(
            operatorId,
            new Known(version, now),
            (old, fresh) -> old.version() > fresh.version() ? new Known(old.version(), now) : fresh)
        .version();
  }
}
