package livechat.http.web;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.pekko.http.cors.javadsl.CorsDirectives;
import org.apache.pekko.http.cors.javadsl.settings.CorsSettings;
import org.apache.pekko.http.javadsl.model.headers.HttpOrigin;
import org.apache.pekko.http.javadsl.model.headers.Origin;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Cross-origin access ({@code livechat.http.cors.allowed-origins}): the API and the socket serve
 * the listed origins (or any, with {@code *}), with preflights answered by pekko-http-cors. A
 * request from another origin is rejected, and {@code ApiErrors} answers it with 403; a page served
 * by the node itself (the console) is same-origin and always served. The widget's files are public
 * and served to any origin.
 */
public final class CrossOrigin extends AllDirectives {

  private static final List<String> METHODS =
      List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS");

  private final CorsSettings api;
  private final CorsSettings anyOrigin;

  public CrossOrigin(Config http) {
    this.api = settings(origins(http.getString("cors.allowed-origins")));
    this.anyOrigin = settings("*");
  }

  /**
   * pekko-http-cors's settings for these origins ({@code "*"} or a list), read from its own
   * configuration section, since the Java API's {@code HttpOriginMatcher.ALL} is null in 1.1.0.
   */
  private static CorsSettings settings(Object allowedOrigins) {
    Config cors =
        ConfigFactory.parseMap(
                Map.of(
                    "pekko.http.cors.allowed-origins",
                    allowedOrigins,
                    "pekko.http.cors.allow-credentials",
                    false,
                    "pekko.http.cors.allowed-methods",
                    METHODS,
                    "pekko.http.cors.exposed-headers",
                    List.of("Retry-After")))
            .withFallback(ConfigFactory.defaultReference());
    return CorsSettings.create(cors);
  }

  /**
   * The API ({@code /api/...}) and the socket ({@code /ws}): same-origin requests, and the allowed
   * origins. Other paths are left to the routes after these.
   */
  public Route api(Supplier<Route> inner) {
    return extractUnmatchedPath(
        path -> path.startsWith("/api/") || path.equals("/ws") ? checked(inner) : reject());
  }

  private Route checked(Supplier<Route> inner) {
    return optionalHeaderValueByType(
        Origin.class,
        origin ->
            headerValueByName(
                "Host",
                host ->
                    origin.isPresent() && isSameOrigin(origin.get(), host)
                        ? inner.get()
                        : CorsDirectives.cors(api, inner)));
  }

  /** Public files: any origin. */
  public Route anyOrigin(Supplier<Route> inner) {
    return CorsDirectives.cors(anyOrigin, inner);
  }

  /** One origin whose host and port are the request's own {@code Host}. */
  private static boolean isSameOrigin(Origin origin, String host) {
    Iterator<HttpOrigin> origins = origin.getOrigins().iterator();
    if (!origins.hasNext()) {
      return false;
    }
    String first = origins.next().toString();
    return !origins.hasNext() && first.substring(first.indexOf("://") + 3).equalsIgnoreCase(host);
  }

  /** {@code *}, or the list of a comma-separated setting such as {@code https://shop.example}. */
  static Object origins(String setting) {
    String trimmed = setting.trim();
    if (trimmed.equals("*")) {
      return "*";
    }
    return Arrays.stream(trimmed.split(","))
        .map(String::trim)
        .filter(origin -> !origin.isEmpty())
        .toList();
  }
}
