package livechat.engine;

import java.time.Duration;

/** The engine's default settings, as a test wants them spelled out. */
public final class EngineTestSettings {

  public static final EngineSettings DEFAULTS =
      new EngineSettings(
          Duration.ofMinutes(30),
          Duration.ofMinutes(1),
          5,
          Duration.ofSeconds(10),
          1,
          Duration.ofSeconds(3),
          Duration.ofSeconds(5),
          30,
          100,
          Duration.ofSeconds(60),
          1000,
          32);

  /** The defaults, with a conversation's own limits as the test sets them. */
  public static EngineSettings withConversationLimits(
      int visitorMessagesPerMinute, int recentMessages, Duration waitingWithoutVisitorTimeout) {
    EngineSettings d = DEFAULTS;
    return new EngineSettings(
        d.inactivityTimeout(),
        d.activityResolution(),
        d.defaultCapacity(),
        d.reservationTimeout(),
        d.languageLoadTolerance(),
        d.offerTimeout(),
        d.askTimeout(),
        visitorMessagesPerMinute,
        recentMessages,
        waitingWithoutVisitorTimeout,
        d.maxQueueLength(),
        d.maxOffersInFlight());
  }

  private EngineTestSettings() {}
}
