package livechat.readside;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentPersistenceIdsQuery;
import org.apache.pekko.persistence.query.javadsl.EventsByTagQuery;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Follows one tag's events into the read side, at least once: a cluster singleton that reads the
 * tag from its stored offset, applies each event with its {@link Handler} and then stores the
 * event's offset. After a crash, a failover or a restart it resumes from the stored offset; the
 * events applied after the last stored offset are applied again, which handlers make harmless. A
 * failure (Cassandra away) restarts the stream from the stored offset with growing delays.
 */
final class TagConsumer {

  /** Applies one event to the read side; completes once it is written. */
  interface Handler {
    CompletionStage<Done> apply(EventEnvelope envelope);
  }

  /** The singleton takes no messages: it runs its stream until it stops. */
  interface Command {}

  private static final RestartSettings RESTART =
      RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.done());

  private TagConsumer() {}

  /** The first event of each persistence id with the prefix (offsets that are not stored). */
  private static Source<EventEnvelope, NotUsed> backfill(
      ActorSystem<?> system, String journalId, String prefix) {
    var ids =
        PersistenceQuery.get(system).getReadJournalFor(CurrentPersistenceIdsQuery.class, journalId);
    var events =
        PersistenceQuery.get(system)
            .getReadJournalFor(CurrentEventsByPersistenceIdQuery.class, journalId);
    return ids.currentPersistenceIds()
        .filter(id -> id.startsWith(prefix))
        .flatMapConcat(id -> events.currentEventsByPersistenceId(id, 1, 1));
  }

  /** Runs the consumer named {@code name} on one node of the cluster. */
  static void start(
      ActorSystem<?> system,
      String name,
      String tag,
      Handler handler,
      Offsets offsets,
      String backfillPrefix) {
    ClusterSingleton.get(system)
        .init(
            SingletonActor.of(
                create(name, tag, handler, offsets, backfillPrefix), "read-side-" + name));
  }

  /**
   * A consumer of the tag; when {@code backfillPrefix} is not null and it has no offset yet, it
   * first applies the first event of every persistence id with that prefix, so that entities
   * created before their events were tagged are found too.
   */
  static Behavior<Command> create(
      String name, String tag, Handler handler, Offsets offsets, String backfillPrefix) {
    return Behaviors.setup(
        context -> {
          ActorSystem<?> system = context.getSystem();
          String journalId =
              system.settings().config().getString("livechat.read-side.read-journal");
          EventsByTagQuery journal =
              PersistenceQuery.get(system).getReadJournalFor(EventsByTagQuery.class, journalId);
          UniqueKillSwitch killSwitch =
              RestartSource.withBackoff(
                      RESTART,
                      () ->
                          Source.completionStageSource(
                                  offsets
                                      .load(name)
                                      .thenApply(from -> journal.eventsByTag(tag, from)))
                              .mapAsync(
                                  1,
                                  envelope ->
                                      handler
                                          .apply(envelope)
                                          .thenCompose(
                                              done ->
                                                  envelope.offset() instanceof TimeBasedUUID
                                                      ? offsets.save(name, envelope.offset())
                                                      : DONE)))
                  .viaMat(KillSwitches.single(), Keep.right())
                  .toMat(Sink.ignore(), Keep.left())
                  .run(system);
          context.getLog().info("Read side {} follows tag {}", name, tag);
          return Behaviors.receive(Command.class)
              .onSignal(
                  PostStop.class,
                  stopped -> {
                    killSwitch.shutdown();
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
