package livechat.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.cql.ExecutionInfo;
import com.datastax.oss.driver.api.core.cql.SimpleStatement;
import com.datastax.oss.driver.api.core.cql.TraceEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import livechat.engine.conversation.Conversation.Visitor;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.OperatorAssigned;
import livechat.engine.conversation.ConversationEvent.Transferred;
import livechat.engine.reports.ConversationRecord;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.query.Offset;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSessionRegistry;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The conversation projection against the real tables: a conversation's record and its rows in the
 * lists follow its events, and events delivered again, from the opening on, leave them where they
 * were.
 */
class ConversationProjectionTest {

  private static final Instant AT = Instant.parse("2026-11-30T10:00:00Z");
  private static final LocalDate DAY = LocalDate.ofInstant(AT, ZoneOffset.UTC);

  private static ActorTestKit testKit;
  private static CassandraSession session;
  private static String keyspace;
  private static ConversationTables tables;
  private static ConversationProjection projection;

  @BeforeAll
  static void start() {
    testKit = ActorTestKit.create("projection", TestCassandra.config("read_side_projection"));
    session =
        CassandraSessionRegistry.get(testKit.system()).sessionFor("pekko.persistence.cassandra");
    keyspace = testKit.system().settings().config().getString("livechat.cassandra.keyspace");
    tables = new ConversationTables(session, keyspace);
    projection = new ConversationProjection(tables);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aConversationOpenedAssignedTransferredAndClosedIsListedUnderItsLastOperator()
      throws Exception {
    String id = UUID.randomUUID().toString();
    for (List<EventEnvelope> batch : lifeOf(id)) {
      apply(batch);
    }

    ConversationRecord record = tables.find(id).toCompletableFuture().get().orElseThrow();
    assertEquals("closed", record.status());
    assertEquals("operator-b", record.operatorId());
    assertEquals(4, record.sequenceNr());
    assertEquals(List.of(), listed(ConversationTables.operatorScope("operator-a"), id));
    assertEquals(List.of(record), listed(ConversationTables.operatorScope("operator-b"), id));
    assertEquals(List.of(record), listed(ConversationTables.channelScope("website"), id));
  }

  @Test
  void theColumnsAConversationLeftEmptyWroteNoTombstones() throws Exception {
    String id = UUID.randomUUID().toString();
    for (List<EventEnvelope> batch : lifeOf(id)) {
      apply(batch);
    }
    ConversationRecord record = tables.find(id).toCompletableFuture().get().orElseThrow();
    assertNull(record.rating());
    assertNull(record.firstAnswerAt());

    CqlSession cql = session.underlying().toCompletableFuture().get();
    ExecutionInfo read =
        cql.execute(
                SimpleStatement.newInstance(
                        "SELECT * FROM "
                            + keyspace
                            + ".conversation_records WHERE conversation_id = ?",
                        id)
                    .setTracing(true))
            .getExecutionInfo();
    List<String> activities =
        read.getQueryTrace().getEvents().stream().map(TraceEvent::getActivity).toList();
    String counted =
        activities.stream()
            .filter(activity -> activity.contains("tombstone cells"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no count of cells read in " + activities));
    assertTrue(counted.contains(" 0 tombstone cells"), counted);
  }

  @Test
  void eventsDeliveredAgainFromTheOpeningLeaveTheRecordAndItsListsWhereTheyWere() throws Exception {
    String id = UUID.randomUUID().toString();
    List<List<EventEnvelope>> life = lifeOf(id);
    for (List<EventEnvelope> batch : life) {
      apply(batch);
    }
    ConversationRecord before = tables.find(id).toCompletableFuture().get().orElseThrow();

    apply(life.get(0));
    assertEquals(
        "operator-a", tables.find(id).toCompletableFuture().get().orElseThrow().operatorId());
    for (List<EventEnvelope> batch : life.subList(1, life.size())) {
      apply(batch);
    }

    assertEquals(before, tables.find(id).toCompletableFuture().get().orElseThrow());
    assertEquals(List.of(), listed(ConversationTables.operatorScope("operator-a"), id));
    assertEquals(List.of(before), listed(ConversationTables.operatorScope("operator-b"), id));
    assertEquals(List.of(before), listed(ConversationTables.ALL, id));
  }

  /** Opened and assigned in one batch, transferred, closed. */
  private static List<List<EventEnvelope>> lifeOf(String id) {
    return List.of(
        List.of(
            envelope(id, 1, new ConversationOpened("website", new Visitor("Eve", "en", null), AT)),
            envelope(id, 2, new OperatorAssigned("operator-a", "Ann", AT))),
        List.of(envelope(id, 3, new Transferred("operator-a", "operator-b", "Bob", AT))),
        List.of(envelope(id, 4, new Closed("operator", AT, null, null, 0, 0, 0L))));
  }

  private static void apply(List<EventEnvelope> batch) throws Exception {
    projection.applyAll(batch).toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  /** The rows of a list's day for this conversation. */
  private static List<ConversationRecord> listed(String scope, String id) throws Exception {
    return tables
        .listed(scope, DAY, null, null, 1000)
        .filter(record -> record.conversationId().equals(id))
        .runWith(Sink.seq(), testKit.system())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static EventEnvelope envelope(String id, long sequenceNr, ConversationEvent event) {
    return new EventEnvelope(
        Offset.noOffset(),
        "Conversation|" + id,
        sequenceNr,
        event,
        AT.toEpochMilli(),
        scala.Option.empty());
  }
}
