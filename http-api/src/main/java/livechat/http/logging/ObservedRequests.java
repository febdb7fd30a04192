package livechat.http.logging;

import java.time.Duration;
import java.util.function.Function;
import livechat.http.metrics.HttpMetrics;
import livechat.http.metrics.RouteTemplate;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Wraps the whole API: gives each request its {@link RequestId} (passed to the inner routes in the
 * request's {@code X-Request-Id} header and echoed in the response), then, once the response is
 * known, writes the {@link AccessLog} line and records the request in {@link HttpMetrics}. It sits
 * outside the error handling, so errors are seen with the status the client gets.
 */
public final class ObservedRequests extends AllDirectives {

  private final HttpMetrics metrics;
  private final AccessLog accessLog;

  public ObservedRequests(HttpMetrics metrics, AccessLog accessLog) {
    this.metrics = metrics;
    this.accessLog = accessLog;
  }

  public Route around(Route inner) {
    return optionalHeaderValueByName(
        RequestId.HEADER,
        given -> {
          String id = RequestId.of(given);
          RawHeader header = RawHeader.create(RequestId.HEADER, id);
          return extractRequest(
              request -> {
                long start = System.nanoTime();
                return mapRequest(
                    withRequestId(header),
                    () ->
                        respondWithHeader(
                            header,
                            () ->
                                mapResponse(
                                    response -> served(id, request, response, start),
                                    () -> inner)));
              });
        });
  }

  private static Function<HttpRequest, HttpRequest> withRequestId(RawHeader header) {
    return request -> request.removeHeader(RequestId.HEADER).addHeader(header);
  }

  private HttpResponse served(String id, HttpRequest request, HttpResponse response, long start) {
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String path = request.getUri().path();
    RouteTemplate route = RouteTemplate.of(path);
    String method = request.method().name();
    int status = response.status().intValue();
    metrics.served(route, method, status, took);
    accessLog.served(id, method, path, route, status, took);
    return response;
  }
}
