package livechat.engine.pages;

import com.typesafe.config.Config;

/** How many of a visitor's pages are kept, and how often they may be reported. */
public record PagesSettings(int kept, int reportsPerMinute) {

  public PagesSettings {
    if (kept < 1 || kept > 100) {
      throw new IllegalArgumentException("livechat.pages.kept must be from 1 to 100");
    }
    if (reportsPerMinute < 1) {
      throw new IllegalArgumentException("livechat.pages.reports-per-minute must be positive");
    }
  }

  public static PagesSettings fromConfig(Config config) {
    Config pages = config.getConfig("livechat.pages");
    return new PagesSettings(pages.getInt("kept"), pages.getInt("reports-per-minute"));
  }
}
