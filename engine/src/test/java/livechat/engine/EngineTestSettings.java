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

  private EngineTestSettings() {}
}
