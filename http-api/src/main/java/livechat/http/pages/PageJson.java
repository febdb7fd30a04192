package livechat.http.pages;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.Locale;
import livechat.engine.pages.VisitorPages;
import livechat.http.InvalidRequest;

/** The JSON of the visitor's pages. */
public final class PageJson {

  public static final int MAX_URL = 2048;
  public static final int MAX_TITLE = 300;

  private PageJson() {}

  /** A page the visitor opened: an absolute http(s) URL, and its title if it has one. */
  public record Report(String url, String title) {
    public Report {
      if (url == null) {
        throw InvalidRequest.missingField("url");
      }
      if (url.length() > MAX_URL || !isWebAddress(url)) {
        throw new InvalidRequest(
            "invalid_field",
            "Field 'url' must be an http or https address of at most " + MAX_URL + " characters.");
      }
      if (title != null && title.length() > MAX_TITLE) {
        throw new InvalidRequest(
            "invalid_field", "Field 'title' holds at most " + MAX_TITLE + " characters.");
      }
      if (title != null) {
        title = title.strip();
        if (title.isEmpty()) {
          title = null;
        }
      }
    }
  }

  public record Page(String url, String title, Instant at) {
    public static Page of(VisitorPages.Page page) {
      return new Page(page.url(), page.title(), page.at());
    }
  }

  static boolean isWebAddress(String url) {
    if (url.chars().anyMatch(c -> c <= ' ' || c == 0x7f)) {
      return false;
    }
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https"))
          && uri.getHost() != null
          && !uri.getHost().isEmpty();
    } catch (URISyntaxException e) {
      return false;
    }
  }
}
