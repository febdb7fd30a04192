package livechat.http.web;

import com.typesafe.config.Config;
import java.io.File;
import java.time.Duration;
import java.util.Map;
import livechat.http.Json;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.CacheControl;
import org.apache.pekko.http.javadsl.model.headers.CacheDirectives;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The pages the node serves itself: the operator console ({@code /console/}, its admin page {@code
 * /console/admin}), the visitor widget ({@code /widget.js} and its modules under {@code /widget/},
 * served to any origin) and a demo site that embeds it ({@code /demo/}). They are read from the
 * classpath ({@code web/}), or from {@code livechat.http.web-dir} when set, so that a page can be
 * edited and reloaded without a build. Front-end libraries come from their WebJars on the classpath
 * ({@code /webjars/chart.js/4.4.1/dist/chart.umd.js}).
 */
public final class WebPages extends AllDirectives {

  private static final Duration LONGEST_HEARTBEAT = Duration.ofMinutes(1);

  private final String webDir;
  private final CrossOrigin crossOrigin;
  private final Map<String, Object> consoleSettings;

  public WebPages(Config config, CrossOrigin crossOrigin) {
    this.webDir = config.getString("livechat.http.web-dir");
    this.crossOrigin = crossOrigin;
    this.consoleSettings =
        Map.of(
            "heartbeatSeconds",
            heartbeat(config.getDuration("livechat.operator.inactivity-timeout")).toSeconds());
  }

  /**
   * The console's heartbeat: once a minute, or a third of the inactivity timeout when that is
   * shorter, so that an operator who keeps working is never disconnected.
   */
  static Duration heartbeat(Duration inactivityTimeout) {
    long third = inactivityTimeout.toSeconds() / 3;
    return Duration.ofSeconds(Math.max(1, Math.min(LONGEST_HEARTBEAT.toSeconds(), third)));
  }

  public Route route() {
    return get(
        () ->
            respondWithHeader(
                CacheControl.create(CacheDirectives.NO_CACHE),
                () ->
                    concat(
                        pathSingleSlash(() -> redirect("/console/")),
                        path("console", () -> redirect("/console/")),
                        path(
                            PathMatchers.segment("console").slash(),
                            () -> file("console/index.html")),
                        path(
                            PathMatchers.segment("console").slash("admin"),
                            () -> file("console/admin.html")),
                        path(
                            PathMatchers.segment("console").slash("settings.json"),
                            () -> complete(StatusCodes.OK, consoleSettings, Json.marshaller())),
                        pathPrefix("console", () -> directory("console")),
                        path(
                            "widget.js",
                            () -> crossOrigin.anyOrigin(() -> file("widget/widget.js"))),
                        pathPrefix(
                            "widget", () -> crossOrigin.anyOrigin(() -> directory("widget"))),
                        path("demo", () -> redirect("/demo/")),
                        path(PathMatchers.segment("demo").slash(), () -> file("demo/index.html")),
                        pathPrefix("demo", () -> directory("demo")),
                        // front-end libraries from their WebJars (Chart.js for the admin page)
                        pathPrefix(
                            "webjars",
                            () -> getFromResourceDirectory("META-INF/resources/webjars")))));
  }

  private Route redirect(String to) {
    return redirect(org.apache.pekko.http.javadsl.model.Uri.create(to), StatusCodes.FOUND);
  }

  private Route file(String relativePath) {
    return webDir.isEmpty()
        ? getFromResource("web/" + relativePath)
        : getFromFile(new File(webDir, relativePath));
  }

  private Route directory(String relativePath) {
    return webDir.isEmpty()
        ? getFromResourceDirectory("web/" + relativePath)
        : getFromDirectory(new File(webDir, relativePath).getPath());
  }
}
