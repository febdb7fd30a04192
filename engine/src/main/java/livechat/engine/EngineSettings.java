package livechat.engine;

import com.typesafe.config.Config;
import java.time.Duration;

/** The engine's settings, read from {@code livechat.*} (see the engine's reference.conf). */
public record EngineSettings(
    Duration inactivityTimeout,
    Duration activityResolution,
    int defaultCapacity,
    Duration reservationTimeout,
    int languageLoadTolerance,
    Duration offerTimeout,
    Duration askTimeout,
    int visitorMessagesPerMinute,
    int recentMessages,
    Duration waitingWithoutVisitorTimeout,
    int maxQueueLength,
    int maxOffersInFlight) {

  public static EngineSettings fromConfig(Config config) {
    Config livechat = config.getConfig("livechat");
    return new EngineSettings(
        livechat.getDuration("operator.inactivity-timeout"),
        livechat.getDuration("operator.activity-resolution"),
        livechat.getInt("operator.default-capacity"),
        livechat.getDuration("operator.reservation-timeout"),
        livechat.getInt("routing.language-load-tolerance"),
        livechat.getDuration("routing.offer-timeout"),
        livechat.getDuration("entity-ask-timeout"),
        livechat.getInt("conversation.visitor-messages-per-minute"),
        livechat.getInt("conversation.recent-messages"),
        livechat.getDuration("conversation.waiting-without-visitor-timeout"),
        livechat.getInt("routing.max-queue-length"),
        livechat.getInt("routing.max-offers-in-flight"));
  }
}
