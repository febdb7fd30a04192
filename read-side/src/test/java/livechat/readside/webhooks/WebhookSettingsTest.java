package livechat.readside.webhooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class WebhookSettingsTest {

  private final WebhookSettings settings =
      new WebhookSettings(
          Duration.ofSeconds(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(1),
          Duration.ofMinutes(10),
          Duration.ofHours(48));

  @Test
  void theWaitDoublesAfterEachFailureUpToTheLongest() {
    assertEquals(
        List.of(1L, 2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 512L, 600L, 600L),
        IntStream.rangeClosed(1, 12)
            .mapToObj(failures -> settings.retryDelay(failures).toSeconds())
            .toList());
  }

  @Test
  void aReceiverDownForADayIsTriedAboutOneHundredFiftyTimesBeforeDelivery() {
    Duration waited = Duration.ZERO;
    int attempts = 0;
    while (waited.compareTo(Duration.ofHours(24)) < 0) {
      attempts++;
      waited = waited.plus(settings.retryDelay(attempts));
    }
    assertEquals(153, attempts);
  }
}
