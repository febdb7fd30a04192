package livechat.engine;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Tells the {@link EngineObserver} of each journal failure of one entity once. Pekko signals a
 * failure with {@code RecoveryFailed}, {@code PreRestart} or both (a failed write: only {@code
 * PreRestart}; a failed snapshot read: only {@code RecoveryFailed}); the signals of one failure
 * arrive together, and the next failure comes only after a restart backoff of at least {@code
 * livechat.journal-failure.min-backoff}, so signals within half of it are the same failure.
 */
public final class JournalFailureReport {

  private final ActorSystem<?> system;
  private final String entityType;
  private final long sameFailureNanos;
  private long lastReportNanos;
  private boolean reported;

  public JournalFailureReport(ActorSystem<?> system, EntityTypeKey<?> type) {
    this.system = system;
    this.entityType = type.name();
    this.sameFailureNanos = EntityRuntime.get(system).minBackoff().toNanos() / 2;
  }

  /** A signal told of a journal failure. */
  public void signalled() {
    long now = System.nanoTime();
    if (reported && now - lastReportNanos < sameFailureNanos) {
      return;
    }
    reported = true;
    lastReportNanos = now;
    EngineObserver.of(system).journalFailed(entityType);
  }
}
