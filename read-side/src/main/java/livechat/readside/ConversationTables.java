package livechat.readside;

import com.datastax.oss.driver.api.core.cql.BatchStatement;
import com.datastax.oss.driver.api.core.cql.BatchType;
import com.datastax.oss.driver.api.core.cql.BatchableStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatement;
import com.datastax.oss.driver.api.core.cql.BoundStatementBuilder;
import com.datastax.oss.driver.api.core.cql.PreparedStatement;
import com.datastax.oss.driver.api.core.cql.Row;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import livechat.engine.reports.ConversationRecord;
import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The conversation tables of the read side: {@code conversation_records} by id, the same rows in
 * {@code conversations_by_day} under each list they belong to (every conversation, its channel's,
 * its last operator's), and {@code conversation_days}, the days each list has rows on. Every write
 * is an upsert or a delete of a known row, so that writing the same record twice changes nothing.
 */
final class ConversationTables {

  static final String ALL = "all";

  private static final String COLUMNS =
      "channel_id, visitor_name, visitor_language, status, operator_id, operator_name, closed_at,"
          + " first_visitor_message_at, first_answer_at, visitor_messages, operator_messages,"
          + " last_seq, rating, sequence_nr";

  private final CassandraSession session;
  private final CompletionStage<PreparedStatement> insertRecord;
  private final CompletionStage<ListStatements> listStatements;
  private final CompletionStage<PreparedStatement> selectRecord;
  private final CompletionStage<PreparedStatement> selectDays;
  private final CompletionStage<PreparedStatement> selectBefore;
  private final CompletionStage<PreparedStatement> selectFirst;
  private final CompletionStage<PreparedStatement> selectBetween;
  private final WrittenDays writtenDays = new WrittenDays();

  ConversationTables(CassandraSession session, String keyspace) {
    this.session = session;
    this.insertRecord =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".conversation_records (started_at, conversation_id, "
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    CompletionStage<PreparedStatement> insertListed =
        session.prepare(
            "INSERT INTO "
                + keyspace
                + ".conversations_by_day (scope, day, started_at, conversation_id, "
                + COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    CompletionStage<PreparedStatement> deleteListed =
        session.prepare(
            "DELETE FROM "
                + keyspace
                + ".conversations_by_day WHERE scope = ? AND day = ? AND started_at = ?"
                + " AND conversation_id = ?");
    CompletionStage<PreparedStatement> insertDay =
        session.prepare(
            "INSERT INTO " + keyspace + ".conversation_days (scope, day) VALUES (?, ?)");
    this.listStatements =
        insertListed.thenCompose(
            listed ->
                insertDay.thenCombine(
                    deleteListed, (day, delete) -> new ListStatements(listed, day, delete)));
    this.selectRecord =
        session.prepare(
            "SELECT conversation_id, started_at, "
                + COLUMNS
                + " FROM "
                + keyspace
                + ".conversation_records WHERE conversation_id = ?");
    this.selectDays =
        session.prepare(
            "SELECT day FROM "
                + keyspace
                + ".conversation_days WHERE scope = ? AND day <= ? AND day >= ?");
    String listed =
        "SELECT conversation_id, started_at, "
            + COLUMNS
            + " FROM "
            + keyspace
            + ".conversations_by_day WHERE scope = ? AND day = ?";
    this.selectBefore = session.prepare(listed + " AND (started_at, conversation_id) < (?, ?)");
    this.selectFirst = session.prepare(listed);
    this.selectBetween = session.prepare(listed + " AND started_at >= ? AND started_at < ?");
  }

  static String channelScope(String channelId) {
    return "channel:" + channelId;
  }

  static String operatorScope(String operatorId) {
    return "operator:" + operatorId;
  }

  CompletionStage<Optional<ConversationRecord>> find(String conversationId) {
    return selectRecord
        .thenCompose(statement -> session.selectOne(statement.bind(conversationId)))
        .thenApply(row -> row.map(ConversationTables::record));
  }

  /**
   * Writes {@code after} in every list it belongs to and takes it out of the operator's list it
   * left ({@code before} may be null), in one unlogged batch: one request, whose rows are in
   * partitions of their own. It writes the record last: a crash in between leaves the record
   * behind, so that the event is applied again.
   */
  CompletionStage<Done> save(ConversationRecord before, ConversationRecord after) {
    return listRows(before, after)
        .thenCompose(
            rows -> session.executeWriteBatch(BatchStatement.newInstance(BatchType.UNLOGGED, rows)))
        .thenApply(written -> rowsWritten(after))
        .thenCompose(
            listed ->
                insertRecord.thenCompose(
                    statement ->
                        session.executeWrite(
                            bindColumns(statement.boundStatementBuilder(), before, after, 0))));
  }

  /** The list rows of a save: the days first written, the record in its lists, the row it left. */
  private CompletionStage<List<BatchableStatement<?>>> listRows(
      ConversationRecord before, ConversationRecord after) {
    return listStatements.thenApply(
        prepared -> {
          List<BatchableStatement<?>> rows = new ArrayList<>();
          for (String scope : scopes(after)) {
            if (!writtenDays.contains(scope, after.startDay())) {
              rows.add(prepared.insertDay().bind(scope, after.startDay()));
            }
            rows.add(
                bindColumns(
                    prepared
                        .insertListed()
                        .boundStatementBuilder()
                        .setString(0, scope)
                        .setLocalDate(1, after.startDay()),
                    before,
                    after,
                    2));
          }
          if (before != null
              && before.operatorId() != null
              && !before.operatorId().equals(after.operatorId())) {
            rows.add(
                prepared
                    .deleteListed()
                    .bind(
                        operatorScope(before.operatorId()),
                        before.startDay(),
                        before.startedAt(),
                        before.conversationId()));
          }
          return rows;
        });
  }

  /** The statements that write the list rows of a record. */
  private record ListStatements(
      PreparedStatement insertListed,
      PreparedStatement insertDay,
      PreparedStatement deleteListed) {}

  /** Remembers the day rows written with the record's list rows. */
  private Done rowsWritten(ConversationRecord after) {
    for (String scope : scopes(after)) {
      writtenDays.add(scope, after.startDay());
    }
    return Done.done();
  }

  /** The days of a list from {@code newest} back to {@code oldest}, most recent first. */
  Source<LocalDate, NotUsed> days(String scope, LocalDate newest, LocalDate oldest, int pageSize) {
    return Source.completionStage(selectDays)
        .flatMapConcat(
            statement ->
                session.select(statement.bind(scope, newest, oldest).setPageSize(pageSize)))
        .map(row -> row.getLocalDate("day"));
  }

  /** A day's rows of a list, most recent first, before {@code (startedAt, id)} when given. */
  Source<ConversationRecord, NotUsed> listed(
      String scope, LocalDate day, Instant beforeStartedAt, String beforeId, int pageSize) {
    CompletionStage<BoundStatement> bound =
        beforeStartedAt == null
            ? selectFirst.thenApply(statement -> statement.bind(scope, day))
            : selectBefore.thenApply(
                statement -> statement.bind(scope, day, beforeStartedAt, beforeId));
    return Source.completionStage(bound)
        .flatMapConcat(statement -> session.select(statement.setPageSize(pageSize)))
        .map(ConversationTables::record);
  }

  /** A day's rows of a list that started in [from, to). */
  Source<ConversationRecord, NotUsed> startedBetween(
      String scope, LocalDate day, Instant from, Instant to) {
    return Source.completionStage(selectBetween)
        .flatMapConcat(
            statement -> session.select(statement.bind(scope, day, from, to).setPageSize(1000)))
        .map(ConversationTables::record);
  }

  private static List<String> scopes(ConversationRecord record) {
    List<String> scopes = new ArrayList<>();
    scopes.add(ALL);
    scopes.add(channelScope(record.channelId()));
    if (record.operatorId() != null) {
      scopes.add(operatorScope(record.operatorId()));
    }
    return scopes;
  }

  /**
   * Binds conversation_id, started_at and the columns of {@code r}, from position {@code at} on. A
   * column with no value is left unset, which writes nothing, rather than bound to null, which
   * writes a tombstone that every later read of the row steps over; it is bound to null only when
   * {@code before} (may be null) had a value there. It fills a builder: each setter of a {@code
   * BoundStatement} would copy all of its values.
   */
  private static BoundStatement bindColumns(
      BoundStatementBuilder statement, ConversationRecord before, ConversationRecord r, int at) {
    statement
        .setInstant(at, r.startedAt())
        .setString(at + 1, r.conversationId())
        .setString(at + 2, r.channelId())
        .setString(at + 5, r.status())
        .setLong(at + 15, r.sequenceNr());
    column(statement, at + 3, r, before, ConversationRecord::visitorName, String.class);
    column(statement, at + 4, r, before, ConversationRecord::visitorLanguage, String.class);
    column(statement, at + 6, r, before, ConversationRecord::operatorId, String.class);
    column(statement, at + 7, r, before, ConversationRecord::operatorDisplayName, String.class);
    column(statement, at + 8, r, before, ConversationRecord::closedAt, Instant.class);
    column(statement, at + 9, r, before, ConversationRecord::firstVisitorMessageAt, Instant.class);
    column(statement, at + 10, r, before, ConversationRecord::firstAnswerAt, Instant.class);
    column(statement, at + 11, r, before, ConversationRecord::visitorMessages, Integer.class);
    column(statement, at + 12, r, before, ConversationRecord::operatorMessages, Integer.class);
    column(statement, at + 13, r, before, ConversationRecord::lastSeq, Long.class);
    column(statement, at + 14, r, before, ConversationRecord::rating, Integer.class);
    return statement.build();
  }

  /** The record's value bound; without one, null over a value {@code before} had, else unset. */
  private static <V> void column(
      BoundStatementBuilder statement,
      int index,
      ConversationRecord r,
      ConversationRecord before,
      Function<ConversationRecord, V> column,
      Class<V> type) {
    V value = column.apply(r);
    if (value != null) {
      statement.set(index, value, type);
    } else if (before != null && column.apply(before) != null) {
      statement.setToNull(index);
    }
  }

  private static ConversationRecord record(Row row) {
    return new ConversationRecord(
        row.getString("conversation_id"),
        row.getLong("sequence_nr"),
        row.getString("channel_id"),
        row.getString("visitor_name"),
        row.getString("visitor_language"),
        row.getString("status"),
        row.getString("operator_id"),
        row.getString("operator_name"),
        row.getInstant("started_at"),
        row.getInstant("closed_at"),
        row.getInstant("first_visitor_message_at"),
        row.getInstant("first_answer_at"),
        row.get("visitor_messages", Integer.class),
        row.get("operator_messages", Integer.class),
        row.get("last_seq", Long.class),
        row.get("rating", Integer.class));
  }
}
