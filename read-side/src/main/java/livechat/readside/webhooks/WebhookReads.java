package livechat.readside.webhooks;

import java.time.Duration;
import livechat.engine.webhooks.Webhooks;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;

/**
 * Reads the webhooks from their registry at once and then every {@code refresh-interval}, and hands
 * each reading to its {@link Reader}, inside the actor (one reading at a time).
 */
final class WebhookReads {

  /** What is done with the webhooks read. */
  interface Reader {
    void read(Webhooks.Listing listing);

    /** The actor stopped (the node leaves, or a singleton is handed over). */
    default void stopped() {}
  }

  interface Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Read(Webhooks.Listing listing) implements Command {}

  private record NotRead(Throwable failure) implements Command {}

  private WebhookReads() {}

  static Behavior<Command> create(Duration interval, Duration askTimeout, Reader reader) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  context.getSelf().tell(Tick.INSTANCE);
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, interval);
                  return Behaviors.receive(Command.class)
                      .onMessageEquals(
                          Tick.INSTANCE,
                          () -> {
                            ask(context, askTimeout);
                            return Behaviors.same();
                          })
                      .onMessage(
                          Read.class,
                          read -> {
                            try {
                              reader.read(read.listing());
                            } catch (RuntimeException failure) {
                              context.getLog().error("Webhooks read but not applied", failure);
                            }
                            return Behaviors.same();
                          })
                      .onMessage(
                          NotRead.class,
                          notRead -> {
                            context
                                .getLog()
                                .debug(
                                    "Webhooks not read; next try in {}",
                                    interval,
                                    notRead.failure());
                            return Behaviors.same();
                          })
                      .onSignal(
                          PostStop.class,
                          stopped -> {
                            reader.stopped();
                            return Behaviors.same();
                          })
                      .build();
                }));
  }

  /** Asks the registry for the webhooks; a registry this node cannot reach is not read. */
  private static void ask(ActorContext<Command> context, Duration askTimeout) {
    EntityRef<Webhooks.Command> registry;
    try {
      registry = Webhooks.entity(context.getSystem());
    } catch (IllegalStateException notStarted) {
      context.getSelf().tell(new NotRead(notStarted));
      return;
    }
    context.askWithStatus(
        Webhooks.Listing.class,
        registry,
        askTimeout,
        Webhooks.ListAll::new,
        (listing, failure) -> failure == null ? new Read(listing) : new NotRead(failure));
  }
}
