package livechat.readside;

import com.typesafe.config.Config;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.javadsl.CurrentEventsByPersistenceIdQuery;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Follows one tag's events into the read side: a cluster singleton that runs a {@link TagFollower},
 * so that the tag is followed on one node of the cluster, and on another after a failover. Its
 * handler's writes are upserts, so that events handled again are harmless.
 */
final class TagConsumer {

  /** The singleton takes no messages: it runs its stream until it stops. */
  interface Command {}

  private TagConsumer() {}

  /**
   * The first event of each persistence id with the prefix (offsets that are not stored), for ids
   * listed in the journal's {@code all_persistence_ids} table. The journal no longer adds ids to it
   * (its {@code support-all-persistence-ids} is off, and so the plugin's own id queries fail), but
   * every entity created before its events were tagged was written while it did.
   */
  private static Source<EventEnvelope, NotUsed> firstEvents(ActorSystem<?> system, String prefix) {
    Config config = system.settings().config();
    CassandraSession session =
        CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    String table = config.getString("livechat.cassandra.keyspace") + ".all_persistence_ids";
    var events =
        PersistenceQuery.get(system)
            .getReadJournalFor(
                CurrentEventsByPersistenceIdQuery.class,
                config.getString("livechat.read-side.read-journal"));
    return session
        .select("SELECT persistence_id FROM " + table)
        .map(row -> row.getString("persistence_id"))
        .filter(id -> id.startsWith(prefix))
        .flatMapConcat(id -> events.currentEventsByPersistenceId(id, 1, 1));
  }

  /** Runs the consumer named {@code name} on one node of the cluster. */
  static void start(
      ActorSystem<?> system,
      String name,
      String tag,
      TagFollower.BatchHandler handler,
      String backfillPrefix) {
    ClusterSingleton.get(system)
        .init(SingletonActor.of(create(name, tag, handler, backfillPrefix), "read-side-" + name));
  }

  /**
   * A consumer of the tag; when {@code backfillPrefix} is not null and it has no offset yet, it
   * first handles the first event of every persistence id with that prefix, so that entities
   * created before their events were tagged are found too.
   */
  static Behavior<Command> create(
      String name, String tag, TagFollower.BatchHandler handler, String backfillPrefix) {
    return Behaviors.setup(
        context -> {
          ActorSystem<?> system = context.getSystem();
          Source<EventEnvelope, NotUsed> beforeFirst =
              backfillPrefix == null ? Source.empty() : firstEvents(system, backfillPrefix);
          TagFollower follower = new TagFollower(system);
          UniqueKillSwitch killSwitch =
              follower.follow(
                  name,
                  tag,
                  follower.fromTheFirstBucket(),
                  beforeFirst,
                  handler,
                  TagFollower.MAX_BATCH);
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
