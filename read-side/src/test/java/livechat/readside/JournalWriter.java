package livechat.readside;

import java.time.Duration;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;

/**
 * An entity's journal written directly, as the engine's entities would have written it: each event
 * persisted after the ones before, with the tags given.
 */
final class JournalWriter extends EventSourcedBehavior<JournalWriter.Write, Object, Long> {

  record Write(Object event, ActorRef<Done> written) {}

  private final Set<String> tags;

  private JournalWriter(PersistenceId persistenceId, Set<String> tags) {
    super(persistenceId);
    this.tags = tags;
  }

  /** Appends the events to the journal of {@code persistenceId}; returns once all are written. */
  static void write(
      ActorTestKit testKit, PersistenceId persistenceId, Set<String> tags, Object... events) {
    ActorRef<Write> writer = testKit.spawn(new JournalWriter(persistenceId, tags));
    TestProbe<Done> written = testKit.createTestProbe();
    for (Object event : events) {
      writer.tell(new Write(event, written.ref()));
      written.expectMessage(Duration.ofSeconds(20), Done.getInstance());
    }
    testKit.stop(writer);
  }

  @Override
  public Long emptyState() {
    return 0L;
  }

  @Override
  public CommandHandler<Write, Object, Long> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onAnyCommand(
            (count, write) ->
                Effect()
                    .persist(write.event())
                    .thenReply(write.written(), c -> Done.getInstance()));
  }

  @Override
  public EventHandler<Long, Object> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent((count, event) -> count + 1);
  }

  @Override
  public Set<String> tagsFor(Object event) {
    return tags;
  }
}
