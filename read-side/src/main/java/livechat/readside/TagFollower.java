package livechat.readside;

import com.typesafe.config.Config;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.query.javadsl.CassandraReadJournal;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.persistence.query.PersistenceQuery;
import org.apache.pekko.persistence.query.TimeBasedUUID;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.RestartSettings;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.RestartSource;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Follows one tag's events for a named consumer, at least once: reads the tag from the consumer's
 * stored offset (in {@code read_side_offsets}), hands each event to its {@link Handler}, one event
 * at a time, or the events that arrived meanwhile to its {@link BatchHandler}, and stores the
 * offset of the last event handled as its {@link OffsetSaving} says. After a crash, a failover or a
 * restart it resumes from the stored offset; the events handled after the last stored offset are
 * handled again. A failure (Cassandra away, a handler that fails) restarts the stream from the
 * stored offset with growing delays.
 */
public final class TagFollower {

  /** Handles one event; completes once it is done with it. */
  public interface Handler {
    CompletionStage<Done> apply(EventEnvelope envelope);
  }

  /**
   * Handles the events that arrived while it was busy with the ones before, in their order;
   * completes once it is done with all of them. A handler that writes per entity can write each
   * entity once for all its events of the batch.
   */
  public interface BatchHandler {
    CompletionStage<Done> applyAll(List<EventEnvelope> envelopes);

    /** A batch handled one event after the other. */
    static BatchHandler oneByOne(Handler handler) {
      return envelopes -> {
        CompletionStage<Done> done = CompletableFuture.completedFuture(Done.done());
        for (EventEnvelope envelope : envelopes) {
          done = done.thenCompose(previous -> handler.apply(envelope));
        }
        return done;
      };
    }
  }

  /** The most events a {@link BatchHandler} is handed at once. */
  static final int MAX_BATCH = 100;

  /**
   * When the offset is stored: once {@code events} events are handled since the last store, or
   * {@code within} after the first of them, whichever comes first. Fewer stores cost fewer writes;
   * after a crash at most that many events are handled again.
   */
  public record OffsetSaving(int events, Duration within) {

    /** After every event: a consumer whose events have effects outside (webhooks) repeats least. */
    public static final OffsetSaving EVERY_EVENT = new OffsetSaving(1, Duration.ofMillis(1));

    /** {@code livechat.read-side.save-offset-after-events} and {@code save-offset-within}. */
    public static OffsetSaving fromConfig(Config config) {
      return new OffsetSaving(
          config.getInt("livechat.read-side.save-offset-after-events"),
          config.getDuration("livechat.read-side.save-offset-within"));
    }
  }

  private static final DateTimeFormatter FIRST_BUCKET_FORMAT =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm");

  private static final RestartSettings RESTART =
      RestartSettings.create(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

  private final ActorSystem<?> system;
  private final Offsets offsets;
  private final String journalId;
  private final OffsetSaving saving;

  /**
   * A follower that stores offsets as the node's settings say ({@link OffsetSaving#fromConfig}).
   */
  public TagFollower(ActorSystem<?> system) {
    this(system, OffsetSaving.fromConfig(system.settings().config()));
  }

  public TagFollower(ActorSystem<?> system, OffsetSaving saving) {
    this.saving = saving;
    this.system = system;
    this.offsets =
        new Offsets(
            CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra"),
            system.settings().config().getString("livechat.cassandra.keyspace"));
    this.journalId = system.settings().config().getString("livechat.read-side.read-journal");
  }

  /** Follows the tag from the consumer's stored offset, or from its first event. */
  public UniqueKillSwitch follow(String consumer, String tag, Handler handler) {
    return follow(consumer, tag, fromTheFirstBucket(), Source.empty(), handler);
  }

  /**
   * Where a consumer without a stored offset starts: the start of the first bucket of every tag
   * ({@code events-by-tag.first-time-bucket}), where {@code Offset.noOffset()} starts too. The
   * query then takes the first event it meets of a persistence id it has forgotten ({@code
   * events-by-tag.cleanup-old-persistence-ids}) as that id's first; started without an offset, it
   * would look for the id's earlier events in every row of the tag since the start of the previous
   * bucket.
   */
  Offset fromTheFirstBucket() {
    String firstBucket =
        system
            .settings()
            .config()
            .getString("pekko.persistence.cassandra.events-by-tag.first-time-bucket");
    return offsetAt(
        LocalDateTime.parse(firstBucket, FIRST_BUCKET_FORMAT).toInstant(ZoneOffset.UTC));
  }

  private Offset offsetAt(Instant instant) {
    return journal().timeBasedUUIDFrom(instant.toEpochMilli());
  }

  /**
   * Follows the tag from the consumer's stored offset, or when it has none from the events written
   * at {@code since} or later.
   */
  public UniqueKillSwitch follow(String consumer, String tag, Instant since, Handler handler) {
    return follow(consumer, tag, offsetAt(since), Source.empty(), handler);
  }

  private UniqueKillSwitch follow(
      String consumer,
      String tag,
      Offset first,
      Source<EventEnvelope, NotUsed> beforeFirst,
      Handler handler) {
    return follow(consumer, tag, first, beforeFirst, BatchHandler.oneByOne(handler), 1);
  }

  /**
   * Follows the tag from the consumer's stored offset; when it has none, it first handles the
   * events of {@code beforeFirst} (whose offsets are not stored), then the tag from {@code first}.
   * The events that arrive while the handler is busy are handed to it together, up to {@code
   * maxBatch} of them.
   */
  UniqueKillSwitch follow(
      String consumer,
      String tag,
      Offset first,
      Source<EventEnvelope, NotUsed> beforeFirst,
      BatchHandler handler,
      int maxBatch) {
    CassandraReadJournal journal = journal();
    return RestartSource.withBackoff(
            RESTART,
            () ->
                Source.completionStageSource(
                        offsets
                            .load(consumer, null)
                            .thenApply(
                                stored ->
                                    stored == null
                                        ? beforeFirst.concat(journal.eventsByTag(tag, first))
                                        : journal.eventsByTag(tag, stored)))
                    .batch(maxBatch, TagFollower::firstOfBatch, TagFollower::addToBatch)
                    .mapAsync(
                        1,
                        batch ->
                            handler
                                .applyAll(batch)
                                .thenApply(
                                    done -> batch.stream().map(EventEnvelope::offset).toList()))
                    .mapConcat(offsets -> offsets)
                    // the events of beforeFirst have no offset to store
                    .filter(offset -> offset instanceof TimeBasedUUID)
                    .groupedWithin(saving.events(), saving.within())
                    .mapAsync(
                        1, handled -> offsets.save(consumer, handled.get(handled.size() - 1))))
        .viaMat(KillSwitches.single(), Keep.right())
        .toMat(Sink.ignore(), Keep.left())
        .run(system);
  }

  private static List<EventEnvelope> firstOfBatch(EventEnvelope envelope) {
    List<EventEnvelope> batch = new ArrayList<>();
    batch.add(envelope);
    return batch;
  }

  private static List<EventEnvelope> addToBatch(List<EventEnvelope> batch, EventEnvelope envelope) {
    batch.add(envelope);
    return batch;
  }

  private CassandraReadJournal journal() {
    return PersistenceQuery.get(system).getReadJournalFor(CassandraReadJournal.class, journalId);
  }
}
