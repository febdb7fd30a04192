package livechat.node;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import livechat.persistence.CassandraSettings;
import org.junit.jupiter.api.Test;

/** The node's timeouts, as it loads them, are in the order the README documents. */
class TimeoutsTest {

  @Test
  void theApiAnswersBeforeTheJournalGivesUpOnAWrite() {
    Config node = ConfigFactory.load();
    Config config = CassandraSettings.fromConfig(node).pekkoConfig().withFallback(node);

    Duration ask = config.getDuration("livechat.http.ask-timeout");
    Duration journal =
        config.getDuration("pekko.persistence.cassandra.journal.circuit-breaker.call-timeout");
    Duration engineAsk = config.getDuration("livechat.entity-ask-timeout");

    assertTrue(ask.compareTo(journal) < 0, ask + " < " + journal);
    assertTrue(engineAsk.compareTo(ask) < 0, engineAsk + " < " + ask);
  }
}
