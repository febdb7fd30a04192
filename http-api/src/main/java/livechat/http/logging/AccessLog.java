package livechat.http.logging;

import java.time.Duration;
import livechat.http.metrics.RouteTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per HTTP request on the logger {@code livechat.access}: method, path without its query
 * (a socket's token travels in the query), route, status, duration, request id and the
 * conversation, channel or operator id the path names, as structured key-value fields. Headers, and
 * so tokens, are never logged.
 */
public final class AccessLog {

  private static final Logger log = LoggerFactory.getLogger("livechat.access");

  public void served(
      String requestId,
      String method,
      String path,
      RouteTemplate route,
      int status,
      Duration took) {
    long millis = took.toMillis();
    var line = log.atInfo();
    PathIds.of(path).forEach(line::addKeyValue);
    line.setMessage("{} {} {} {} ms")
        .addArgument(method)
        .addArgument(path)
        .addArgument(status)
        .addArgument(millis)
        .addKeyValue("request_id", requestId)
        .addKeyValue("method", method)
        .addKeyValue("path", path)
        .addKeyValue("route", route.template())
        .addKeyValue("status", status)
        .addKeyValue("duration_ms", millis)
        .log();
  }
}
