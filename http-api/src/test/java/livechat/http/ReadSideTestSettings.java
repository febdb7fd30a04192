package livechat.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The read side's settings in tests: tagged events are delivered a second after they are written
 * rather than five, the consumers look for new ones every second rather than every three, and a
 * consumer without an offset starts reading its tag from yesterday rather than from the product's
 * first day.
 */
public final class ReadSideTestSettings {

  private ReadSideTestSettings() {}

  public static Config config() {
    String today = LocalDate.now(ZoneOffset.UTC).minusDays(1).toString().replace("-", "");
    return ConfigFactory.parseString(
        "pekko.persistence.cassandra.events-by-tag {\n"
            + "  eventual-consistency-delay = 1s\n"
            + "  first-time-bucket = \""
            + today
            + "T00:00\"\n"
            + "}\n"
            + "pekko.persistence.cassandra.query.refresh-interval = 1s");
  }
}
