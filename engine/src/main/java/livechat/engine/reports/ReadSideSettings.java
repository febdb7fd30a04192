package livechat.engine.reports;

import com.typesafe.config.Config;
import java.time.Duration;

/** The limits of lists and reports, read from {@code livechat.read-side}. */
public record ReadSideSettings(
    int defaultPageSize, int maxPageSize, int maxScannedRows, Duration maxReportPeriod) {

  public static ReadSideSettings fromConfig(Config config) {
    Config readSide = config.getConfig("livechat.read-side");
    return new ReadSideSettings(
        readSide.getInt("default-page-size"),
        readSide.getInt("max-page-size"),
        readSide.getInt("max-scanned-rows"),
        readSide.getDuration("max-report-period"));
  }
}
