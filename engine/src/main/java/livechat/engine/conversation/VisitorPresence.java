package livechat.engine.conversation;

import java.time.Clock;
import java.time.Instant;
import livechat.engine.EngineSettings;
import livechat.engine.conversation.Conversation.CheckVisitorPresent;
import livechat.engine.conversation.Conversation.Command;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.ConversationState.Opened;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Whether the visitor of a waiting conversation is still there: it is while it has a socket open on
 * the conversation or reads and writes over REST, and is gone once neither happened for {@code
 * waiting-without-visitor-timeout}.
 */
final class VisitorPresence {

  private static final String TIMER = "visitor-present";

  private final TimerScheduler<Command> timers;
  private final EngineSettings settings;
  private final Clock clock;
  private final Subscribers subscribers;

  /** When the visitor was last known to be there, while the conversation waits. */
  private Instant visitorSeenAt;

  VisitorPresence(
      TimerScheduler<Command> timers,
      EngineSettings settings,
      Clock clock,
      Subscribers subscribers) {
    this.timers = timers;
    this.settings = settings;
    this.clock = clock;
    this.subscribers = subscribers;
  }

  /**
   * Checks a few times per {@code waiting-without-visitor-timeout} that the visitor of a waiting
   * conversation is still there: counted from when the conversation opened or recovered, or last
   * had a visitor socket. The timer's messages do not keep the entity from passivating.
   */
  void watch() {
    visitorSeenAt = clock.instant();
    timers.startTimerWithFixedDelay(
        TIMER, new CheckVisitorPresent(), settings.waitingWithoutVisitorTimeout().dividedBy(4));
  }

  /** A visitor that reads or writes without a socket (over REST) is there too. */
  void note(Participant participant) {
    if (participant != null && participant.isVisitor()) {
      visitorSeenAt = clock.instant();
    }
  }

  /**
   * Whether the visitor of the waiting conversation has been gone past the timeout; then, as when
   * the conversation no longer waits, the checks stop.
   */
  boolean leftWhileWaiting(Opened state) {
    Instant now = clock.instant();
    if (!state.isWaiting()) {
      timers.cancel(TIMER);
      return false;
    }
    if (subscribers.includesVisitor() || visitorSeenAt == null) {
      visitorSeenAt = now;
      return false;
    }
    if (now.isBefore(visitorSeenAt.plus(settings.waitingWithoutVisitorTimeout()))) {
      return false;
    }
    timers.cancel(TIMER);
    return true;
  }
}
