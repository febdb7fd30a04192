package livechat.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActivityReportsTest {

  @Test
  void anOperatorsActivityIsReportedOncePerInterval() {
    ActivityReports reports = new ActivityReports(Duration.ofHours(1));
    assertTrue(reports.due("marc"));
    assertFalse(reports.due("marc"));
    assertTrue(reports.due("anne"), "each operator has its own interval");
  }

  @Test
  void withNoIntervalEveryActivityIsReported() {
    ActivityReports reports = new ActivityReports(Duration.ZERO);
    assertTrue(reports.due("marc"));
    assertTrue(reports.due("marc"));
  }

  @Test
  void theIntervalIsATenthOfTheResolutionAndAtMostFiveSeconds() {
    assertEquals(Duration.ofSeconds(5), ActivityReports.intervalFor(Duration.ofMinutes(1)));
    assertEquals(Duration.ofMillis(100), ActivityReports.intervalFor(Duration.ofSeconds(1)));
  }
}
