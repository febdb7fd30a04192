package livechat.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CassandraSchemaTest {

  private final CassandraSettings settings =
      new CassandraSettings(List.of("127.0.0.1:9042"), "eu-west", "chat_ks", 3);

  @Test
  void theKeyspaceComesFirstReplicatedInTheDataCenterByTheConfiguredFactor() {
    String keyspace = CassandraSchema.statements(settings).get(0).replaceAll("\\s+", " ");

    assertTrue(keyspace.startsWith("CREATE KEYSPACE IF NOT EXISTS chat_ks"), keyspace);
    assertTrue(
        keyspace.contains("{ 'class' : 'NetworkTopologyStrategy', 'eu-west' : 3 }"), keyspace);
  }

  @Test
  void aDataCenterNameThatCouldBreakTheStatementIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new CassandraSettings(List.of(), "dc' : 1, 'x", "chat_ks", 1));
  }

  @Test
  void everyJournalSnapshotAndReadSideTableIsCreatedInTheKeyspace() {
    List<String> tables =
        CassandraSchema.statements(settings).stream()
            .filter(statement -> statement.startsWith("CREATE TABLE"))
            .map(statement -> statement.split("\\s+")[5])
            .toList();

    assertEquals(
        List.of(
            "chat_ks.messages",
            "chat_ks.tag_views",
            "chat_ks.tag_write_progress",
            "chat_ks.tag_scanning",
            "chat_ks.metadata",
            "chat_ks.all_persistence_ids",
            "chat_ks.snapshots",
            "chat_ks.read_side_offsets",
            "chat_ks.conversation_records",
            "chat_ks.conversations_by_day",
            "chat_ks.conversation_days",
            "chat_ks.operators_by_login",
            "chat_ks.webhook_deliveries"),
        tables);
  }

  @Test
  void aKeyspaceNameThatIsNotAnIdentifierIsRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> settings.withKeyspace("livechat; DROP KEYSPACE system"));
  }
}
