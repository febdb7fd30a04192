package livechat.engine;

import java.time.Duration;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * What the engine tells the node about its work, for the node's meters and its view of the journal:
 * conversations started, assigned and closed, queue lengths, and journal failures. Every method has
 * a no-op default. Entities call it from their own thread: an observer must not block.
 */
public interface EngineObserver {

  EngineObserver NONE = new EngineObserver() {};

  /** The observer the engine of this actor system reports to ({@link #NONE} until one is set). */
  static EngineObserver of(ActorSystem<?> system) {
    return EntityRuntime.get(system).observer();
  }

  /**
   * An entity of this type could not write to or recover from the journal; it restarts with backoff
   * ({@code livechat.journal-failure}).
   */
  default void journalFailed(String entityType) {}

  /** A conversation was opened and joined its channel's queue. */
  default void conversationStarted(String channelId) {}

  /**
   * A waiting conversation was assigned, {@code sinceStart} after the visitor started it and {@code
   * queued} after it joined the queue.
   */
  default void conversationAssigned(String channelId, Duration sinceStart, Duration queued) {}

  /** A conversation was closed (the first close only). */
  default void conversationClosed(String channelId) {}

  /**
   * The channel's queue holds this many conversations now; 0 when the channel stops running on this
   * node (it may run on another).
   */
  default void queueLength(String channelId, int length) {}

  /** An observer that tells this one, then the other. */
  default EngineObserver andThen(EngineObserver other) {
    EngineObserver first = this;
    return new EngineObserver() {
      @Override
      public void journalFailed(String entityType) {
        first.journalFailed(entityType);
        other.journalFailed(entityType);
      }

      @Override
      public void conversationStarted(String channelId) {
        first.conversationStarted(channelId);
        other.conversationStarted(channelId);
      }

      @Override
      public void conversationAssigned(String channelId, Duration sinceStart, Duration queued) {
        first.conversationAssigned(channelId, sinceStart, queued);
        other.conversationAssigned(channelId, sinceStart, queued);
      }

      @Override
      public void conversationClosed(String channelId) {
        first.conversationClosed(channelId);
        other.conversationClosed(channelId);
      }

      @Override
      public void queueLength(String channelId, int length) {
        first.queueLength(channelId, length);
        other.queueLength(channelId, length);
      }
    };
  }
}
