package livechat.persistence;

import static org.junit.jupiter.api.Assertions.assertFalse;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class CassandraSettingsTest {

  @Test
  void theJournalAnswersEachWriteWithoutWaitingForEarlierWritesOfOtherEntities() {
    Config pekko = CassandraSettings.fromConfig(ConfigFactory.load()).pekkoConfig();
    assertFalse(
        pekko.getBoolean("pekko.persistence.cassandra.journal.write-response-global-order"));
  }

  @Test
  void aNewEntitysFirstWriteIsNotPrecededByOneListingItsId() {
    Config pekko = CassandraSettings.fromConfig(ConfigFactory.load()).pekkoConfig();
    assertFalse(
        pekko.getBoolean("pekko.persistence.cassandra.journal.support-all-persistence-ids"));
  }
}
