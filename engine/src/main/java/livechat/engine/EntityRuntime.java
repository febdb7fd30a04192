package livechat.engine;

import com.typesafe.config.Config;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * What every event-sourced entity of a node shares: how it restarts after a journal failure (a
 * write or a recovery that Cassandra did not take: the entity recovers its state from the journal
 * after a backoff of {@code livechat.journal-failure}, with the messages sent meanwhile kept), and
 * the {@link EngineObserver} it reports to.
 */
public final class EntityRuntime implements Extension {

  private static final Id ID = new Id();

  private final BackoffSupervisorStrategy restart;
  private final Duration minBackoff;
  private volatile EngineObserver observer = EngineObserver.NONE;

  private EntityRuntime(ActorSystem<?> system) {
    Config failure = system.settings().config().getConfig("livechat.journal-failure");
    minBackoff = failure.getDuration("min-backoff");
    restart =
        SupervisorStrategy.restartWithBackoff(
            minBackoff, failure.getDuration("max-backoff"), failure.getDouble("random-factor"));
  }

  static EntityRuntime get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  /** The strategy every entity passes to its constructor. */
  public static BackoffSupervisorStrategy restartOnJournalFailure(ActorSystem<?> system) {
    return get(system).restart;
  }

  Duration minBackoff() {
    return minBackoff;
  }

  EngineObserver observer() {
    return observer;
  }

  void observe(EngineObserver newObserver) {
    observer = newObserver;
  }

  /** The extension's id: one {@link EntityRuntime} per actor system. */
  static final class Id extends ExtensionId<EntityRuntime> {
    @Override
    public EntityRuntime createExtension(ActorSystem<?> system) {
      return new EntityRuntime(system);
    }
  }
}
