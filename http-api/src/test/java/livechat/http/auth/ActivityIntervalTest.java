package livechat.http.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ActivityIntervalTest {

  @Test
  void activityIsPassedOnEveryTenthOfTheResolutionAndAtLeastEveryFiveSeconds() {
    assertEquals(Duration.ofSeconds(5), Authentication.activityInterval(Duration.ofMinutes(1)));
    assertEquals(Duration.ofMillis(100), Authentication.activityInterval(Duration.ofSeconds(1)));
  }
}
