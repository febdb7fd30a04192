package livechat.http.health;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import livechat.engine.EngineObserver;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * This node's view of Cassandra, where every entity keeps its journal: available until a journal
 * write or recovery fails or Cassandra does not answer a probe, available again once it answers
 * one. While Cassandra is unavailable a call that needs an entity fails at once with {@link
 * CassandraUnavailable}, and calls already waiting on an entity fail when it becomes unavailable,
 * rather than when the ask times out: the API answers 503 with Retry-After within a probe's
 * interval and timeout.
 *
 * <p>A call that failed this way may still have been stored (a write on its way when Cassandra went
 * away); a client retries it safely: a send with the same {@code clientMessageId} is stored once.
 */
public final class CassandraAvailability implements Extension, EngineObserver {

  private static final Id ID = new Id();

  /**
   * Runs a completion where the call completed: Pekko's Java asks hand each callback to the default
   * async pool otherwise, which on a machine of two cores starts a thread per callback.
   */
  private static final Executor WHERE_COMPLETED = Runnable::run;

  private final ActorSystem<?> system;
  private final Set<CompletableFuture<?>> waiting = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean probing = new AtomicBoolean();
  private volatile boolean available = true;

  private CassandraAvailability(ActorSystem<?> system) {
    this.system = system;
  }

  public static CassandraAvailability get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public boolean available() {
    return available;
  }

  /** Cassandra answered: calls go through again. */
  public void answered() {
    available = true;
  }

  /** Cassandra failed a call: new calls fail at once, and so do those waiting. */
  public void failed() {
    available = false;
    for (CompletableFuture<?> call : waiting) {
      call.completeExceptionally(new CassandraUnavailable());
    }
  }

  @Override
  public void journalFailed(String entityType) {
    failed();
  }

  /**
   * The call's result, unless Cassandra is unavailable now or becomes unavailable before the call
   * completes: then a {@link CassandraUnavailable} failure.
   */
  public <T> CompletionStage<T> guard(Supplier<? extends CompletionStage<T>> call) {
    if (!available) {
      return CompletableFuture.failedFuture(new CassandraUnavailable());
    }
    CompletableFuture<T> result = new CompletableFuture<>();
    waiting.add(result);
    result.whenComplete((value, failure) -> waiting.remove(result));
    if (!available) {
      result.completeExceptionally(new CassandraUnavailable());
      return result;
    }
    call.get()
        .whenCompleteAsync(
            (value, failure) -> {
              if (failure != null) {
                result.completeExceptionally(failure);
              } else {
                result.complete(value);
              }
            },
            WHERE_COMPLETED);
    return result;
  }

  /**
   * Asks the probe every {@code interval}, one probe at a time: Cassandra is available when the
   * probe answers true within {@code timeout}, and unavailable once {@code failuresInARow} probes
   * in a row did not, until cancelled. A single late probe on a busy node (its query queued behind
   * the journal's writes) changes nothing; a failed journal write still counts at once.
   */
  public Cancellable watch(
      Supplier<CompletionStage<Boolean>> probe,
      Duration interval,
      Duration timeout,
      int failuresInARow) {
    AtomicInteger failures = new AtomicInteger();
    return system
        .scheduler()
        .scheduleWithFixedDelay(
            interval,
            interval,
            () -> probeOnce(probe, timeout, failures, failuresInARow),
            system.executionContext());
  }

  private void probeOnce(
      Supplier<CompletionStage<Boolean>> probe,
      Duration timeout,
      AtomicInteger failures,
      int failuresInARow) {
    if (!probing.compareAndSet(false, true)) {
      return;
    }
    CompletableFuture.supplyAsync(probe, system.executionContext())
        .thenCompose(answer -> answer)
        .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (answers, failure) -> {
              if (failure == null && Boolean.TRUE.equals(answers)) {
                failures.set(0);
                answered();
              } else if (failures.incrementAndGet() >= failuresInARow) {
                failed();
              }
              probing.set(false);
            });
  }

  /** The extension's id: one {@link CassandraAvailability} per actor system. */
  public static final class Id extends ExtensionId<CassandraAvailability> {
    @Override
    public CassandraAvailability createExtension(ActorSystem<?> system) {
      return new CassandraAvailability(system);
    }
  }
}
