package livechat.http.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A request path reduced to its route: the API's fixed words kept and every other segment (an id)
 * replaced by {@code {id}}, so that metrics and logs group requests without one series per id. The
 * class is {@code api}, {@code websocket}, {@code health}, {@code metrics}, {@code web} (the pages
 * and their libraries) or {@code other}.
 */
public record RouteTemplate(String routeClass, String template) {

  private static final int MAX_SEGMENTS = 6;
  private static final Set<String> WORDS =
      Set.of(
          "api",
          "admin",
          "auth",
          "login",
          "logout",
          "me",
          "heartbeat",
          "password",
          "channels",
          "conversations",
          "operators",
          "languages",
          "messages",
          "status",
          "join",
          "leave",
          "transfer",
          "close",
          "rating",
          "seen",
          "typing",
          "pages",
          "command",
          "canned-responses",
          "webhooks",
          "reports",
          "transcript",
          "health",
          "live",
          "ready");
  private static final Set<String> PAGES = Set.of("console", "widget", "demo", "webjars");
  private static final RouteTemplate OTHER = new RouteTemplate("other", "other");

  public static RouteTemplate of(String path) {
    List<String> segments =
        Arrays.stream(path.split("/")).filter(segment -> !segment.isEmpty()).toList();
    if (segments.isEmpty()) {
      return new RouteTemplate("web", "/");
    }
    String first = segments.get(0);
    if (segments.size() == 1 && first.equals("ws")) {
      return new RouteTemplate("websocket", "/ws");
    }
    if (segments.size() == 1 && first.equals("metrics")) {
      return new RouteTemplate("metrics", "/metrics");
    }
    if (PAGES.contains(first) || first.equals("widget.js")) {
      return new RouteTemplate("web", "/" + first + (segments.size() > 1 ? "/*" : ""));
    }
    if (!first.equals("api") && !first.equals("health")) {
      return OTHER;
    }
    if (segments.size() > MAX_SEGMENTS) {
      return new RouteTemplate(first, "/" + first + "/**");
    }
    return new RouteTemplate(
        first,
        segments.stream()
            .map(segment -> WORDS.contains(segment) ? segment : "{id}")
            .collect(Collectors.joining("/", "/", "")));
  }
}
