package livechat.readside.webhooks;

import com.typesafe.config.Config;
import java.time.Duration;

/** How webhooks are read and delivered ({@code livechat.webhooks}). */
record WebhookSettings(
    Duration refreshInterval,
    Duration requestTimeout,
    Duration retryMinDelay,
    Duration retryMaxDelay,
    Duration giveUpAfter) {

  static WebhookSettings fromConfig(Config config) {
    Config webhooks = config.getConfig("livechat.webhooks");
    return new WebhookSettings(
        webhooks.getDuration("refresh-interval"),
        webhooks.getDuration("request-timeout"),
        webhooks.getDuration("retry-min-delay"),
        webhooks.getDuration("retry-max-delay"),
        webhooks.getDuration("give-up-after"));
  }

  /** The wait before the attempt after {@code failures} failed ones: doubled each time, capped. */
  Duration retryDelay(int failures) {
    Duration delay = retryMinDelay;
    for (int i = 1; i < failures && delay.compareTo(retryMaxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(retryMaxDelay) < 0 ? delay : retryMaxDelay;
  }
}
