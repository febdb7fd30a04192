package livechat.readside;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.operator.Operator;
import livechat.engine.operator.OperatorEvent;
import livechat.engine.reports.ConversationFilter;
import livechat.engine.reports.ConversationPage;
import livechat.engine.reports.ConversationRecord;
import livechat.engine.reports.ListCursor;
import livechat.engine.reports.OperatorPage;
import livechat.engine.reports.ReadSide;
import livechat.engine.reports.ReadSideSettings;
import livechat.engine.webhooks.LastDelivery;
import livechat.readside.webhooks.DeliveryLog;
import livechat.readside.webhooks.WebhookService;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The read side in Cassandra. {@link #start} runs its two consumers (conversations' lifecycle
 * events, operators' registrations) as cluster singletons, and the webhooks' deliveries ({@link
 * WebhookService}), and answers lists and reports from their tables. The operators' consumer, on
 * its first run, also reads the registration of every operator created before registrations were
 * tagged. A list page reads one partition per day of its list from its cursor on and stops at its
 * limit, or at {@code max-scanned-rows} rows read when a filter skips rows: its cost does not grow
 * with the number of conversations stored.
 */
public final class CassandraReadSide implements ReadSide {

  private static final LocalDate FIRST_DAY = LocalDate.of(2000, 1, 1);
  private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

  private final ActorSystem<?> system;
  private final CassandraSession session;
  private final String keyspace;
  private final ConversationTables conversations;
  private final ReadSideSettings settings;
  private final DeliveryLog deliveries;
  private CompletionStage<Done> webhooksRead;

  private CassandraReadSide(ActorSystem<?> system) {
    this.system = system;
    this.session = CassandraSessionRegistry.get(system).sessionFor("pekko.persistence.cassandra");
    this.keyspace = system.settings().config().getString("livechat.cassandra.keyspace");
    this.conversations = new ConversationTables(session, keyspace);
    this.settings = ReadSideSettings.fromConfig(system.settings().config());
    this.deliveries = new DeliveryLog(session, keyspace);
  }

  /** The read side of this node, its consumers started (each runs on one node of the cluster). */
  public static CassandraReadSide start(ActorSystem<?> system) {
    CassandraReadSide readSide = new CassandraReadSide(system);
    TagConsumer.start(
        system,
        "conversations",
        ConversationEvent.LIFECYCLE_TAG,
        new ConversationProjection(readSide.conversations),
        null);
    TagConsumer.start(
        system,
        "operators",
        OperatorEvent.REGISTERED_TAG,
        TagFollower.BatchHandler.oneByOne(
            new OperatorProjection(readSide.session, readSide.keyspace)),
        Operator.ENTITY_TYPE_KEY.name() + PersistenceId.DefaultSeparator());
    readSide.webhooksRead = WebhookService.start(system, readSide.deliveries);
    return readSide;
  }

  /**
   * Completes once this node has read the webhooks a first time, and so tags messages when a
   * webhook asks for them.
   */
  public CompletionStage<Done> webhooksRead() {
    return webhooksRead;
  }

  @Override
  public CompletionStage<Map<String, LastDelivery>> lastDeliveries() {
    return deliveries.all();
  }

  ConversationTables tables() {
    return conversations;
  }

  @Override
  public CompletionStage<ConversationPage> conversations(
      ConversationFilter filter, ListCursor after, int limit) {
    String scope =
        filter.operatorId() != null
            ? ConversationTables.operatorScope(filter.operatorId())
            : filter.channelId() != null
                ? ConversationTables.channelScope(filter.channelId())
                : ConversationTables.ALL;
    boolean filtered =
        filter.status() != null || (filter.operatorId() != null && filter.channelId() != null);
    Instant before = after != null ? after.startedAt() : filter.to();
    String beforeId = after != null ? after.conversationId() : "";
    LocalDate newest = before == null ? LAST_DAY : day(before);
    LocalDate oldest = filter.from() == null ? FIRST_DAY : day(filter.from());
    int pageSize = filtered ? Math.min(settings.maxScannedRows(), 1000) : limit + 1;
    PageBuilder page = new PageBuilder(filter, limit, settings.maxScannedRows());
    return conversations
        .days(scope, newest, oldest, 100)
        .flatMapConcat(
            day ->
                day.equals(newest) && before != null
                    ? conversations.listed(scope, day, before, beforeId, pageSize)
                    : conversations.listed(scope, day, null, null, pageSize))
        .takeWhile(record -> filter.from() == null || !record.startedAt().isBefore(filter.from()))
        .takeWhile(page::wants)
        .runWith(Sink.foreach(page::add), system)
        .thenApply(done -> page.build());
  }

  @Override
  public CompletionStage<List<ConversationRecord>> startedBetween(
      String channelId, Instant from, Instant to) {
    String scope =
        channelId == null ? ConversationTables.ALL : ConversationTables.channelScope(channelId);
    return conversations
        .days(scope, day(to.minusMillis(1)), day(from), 100)
        .flatMapConcat(day -> conversations.startedBetween(scope, day, from, to))
        .runWith(Sink.seq(), system);
  }

  @Override
  public CompletionStage<OperatorPage> operators(String afterLogin, int limit) {
    String cql =
        "SELECT login, operator_id FROM "
            + keyspace
            + ".operators_by_login WHERE bucket = ? AND login > ? LIMIT ?";
    return session
        .selectAll(cql, OperatorProjection.BUCKET, afterLogin == null ? "" : afterLogin, limit + 1)
        .thenApply(
            rows -> {
              List<String> ids = new ArrayList<>();
              String next = null;
              for (int i = 0; i < Math.min(limit, rows.size()); i++) {
                ids.add(rows.get(i).getString("operator_id"));
              }
              if (rows.size() > limit) {
                next = rows.get(limit - 1).getString("login");
              }
              return new OperatorPage(List.copyOf(ids), next);
            });
  }

  private static LocalDate day(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Gathers a page: the records that pass the filter, up to the limit or the rows to read. */
  private static final class PageBuilder {
    private final ConversationFilter filter;
    private final int limit;
    private final int maxScanned;
    private final List<ConversationRecord> found = new ArrayList<>();
    private int scanned;
    private ConversationRecord lastRead;
    private boolean more;

    PageBuilder(ConversationFilter filter, int limit, int maxScanned) {
      this.filter = filter;
      this.limit = limit;
      this.maxScanned = maxScanned;
    }

    /** Whether to take this record: false once the page is full or the rows are read. */
    boolean wants(ConversationRecord record) {
      if (found.size() == limit || scanned == maxScanned) {
        more = true;
        return false;
      }
      return true;
    }

    void add(ConversationRecord record) {
      scanned++;
      lastRead = record;
      if ((filter.status() == null || filter.status().equals(record.status()))
          && (filter.channelId() == null || filter.channelId().equals(record.channelId()))) {
        found.add(record);
      }
    }

    ConversationPage build() {
      ListCursor next = null;
      if (more) {
        ConversationRecord last = found.size() == limit ? found.get(limit - 1) : lastRead;
        next = new ListCursor(last.startedAt(), last.conversationId());
      }
      return new ConversationPage(List.copyOf(found), next);
    }
  }
}
