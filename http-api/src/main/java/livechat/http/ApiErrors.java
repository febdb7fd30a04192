package livechat.http;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import livechat.engine.Rejection;
import livechat.http.health.CassandraUnavailable;
import livechat.http.limits.RateLimited;
import org.apache.pekko.http.cors.javadsl.CorsRejection;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.HttpChallenge;
import org.apache.pekko.http.javadsl.model.headers.RetryAfter;
import org.apache.pekko.http.javadsl.model.headers.WWWAuthenticate;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.AuthorizationFailedRejection;
import org.apache.pekko.http.javadsl.server.ExceptionHandler;
import org.apache.pekko.http.javadsl.server.MalformedRequestContentRejection;
import org.apache.pekko.http.javadsl.server.MethodRejection;
import org.apache.pekko.http.javadsl.server.RejectionHandler;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.server.UnsupportedRequestContentTypeRejection;
import org.apache.pekko.http.scaladsl.model.EntityStreamSizeException;
import org.apache.pekko.pattern.AskTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every error the API answers, mapped to its status code and JSON body in this one place: the
 * domain's {@link Rejection}s, bad request bodies, missing routes and an overloaded node. Nothing
 * reaches the client as a 500 unless it is a fault of the server itself.
 */
public final class ApiErrors extends AllDirectives {

  private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

  /**
   * Seconds a client waits before retrying a request answered 503 (the entity did not answer, or
   * Cassandra is unavailable).
   */
  static final long UNAVAILABLE_RETRY_AFTER_SECONDS = 2;

  /** The engine's limits (visitor messages, queue length) are counted per minute. */
  private static final long ENGINE_LIMIT_RETRY_SECONDS = 60;

  private static final Map<Rejection.Kind, StatusCode> STATUS_OF_REJECTION =
      Map.of(
          Rejection.Kind.INVALID, StatusCodes.BAD_REQUEST,
          Rejection.Kind.UNAUTHORIZED, StatusCodes.UNAUTHORIZED,
          Rejection.Kind.FORBIDDEN, StatusCodes.FORBIDDEN,
          Rejection.Kind.NOT_FOUND, StatusCodes.NOT_FOUND,
          Rejection.Kind.CONFLICT, StatusCodes.CONFLICT,
          Rejection.Kind.RATE_LIMITED, StatusCodes.TOO_MANY_REQUESTS);

  /** Wraps a route so that whatever goes wrong in it is answered as the API documents. */
  public Route handled(Route inner) {
    // Built here, once: a directive asks for its inner route again on every request, and the
    // rejection handler with its prepared responses would be built again with it.
    Route rejectionsHandled = handleRejections(rejectionHandler(), () -> inner);
    return handleExceptions(exceptionHandler(), () -> rejectionsHandled);
  }

  /** The response for one error. */
  public static HttpResponse response(StatusCode status, String code, String message) {
    return HttpResponse.create()
        .withStatus(status)
        .withEntity(ContentTypes.APPLICATION_JSON, Json.write(ApiError.of(code, message)));
  }

  private ExceptionHandler exceptionHandler() {
    return ExceptionHandler.newBuilder()
        .match(Throwable.class, e -> complete(responseFor(e)))
        .build();
  }

  private static HttpResponse responseFor(Throwable thrown) {
    Throwable failure =
        thrown instanceof CompletionException && thrown.getCause() != null
            ? thrown.getCause()
            : thrown;
    if (failure instanceof Rejection rejection) {
      HttpResponse response =
          response(STATUS_OF_REJECTION.get(rejection.kind()), rejection.code(), rejection.reason());
      return switch (rejection.kind()) {
        case UNAUTHORIZED ->
            response.addHeader(WWWAuthenticate.create(HttpChallenge.createOAuth2("livechat")));
        case RATE_LIMITED -> response.addHeader(RetryAfter.create(ENGINE_LIMIT_RETRY_SECONDS));
        default -> response;
      };
    }
    if (failure instanceof RateLimited limited) {
      return response(StatusCodes.TOO_MANY_REQUESTS, "rate_limited", limited.getMessage())
          .addHeader(RetryAfter.create(limited.retryAfterSeconds()));
    }
    if (failure instanceof InvalidRequest invalid) {
      return response(StatusCodes.BAD_REQUEST, invalid.code(), invalid.getMessage());
    }
    if (failure instanceof EntityStreamSizeException) {
      return response(
          StatusCodes.PAYLOAD_TOO_LARGE,
          "payload_too_large",
          "The request body is larger than the 64 KiB the API accepts.");
    }
    if (failure instanceof CassandraUnavailable) {
      return response(
              StatusCodes.SERVICE_UNAVAILABLE,
              "unavailable",
              "The service cannot store anything right now; try again.")
          .addHeader(RetryAfter.create(UNAVAILABLE_RETRY_AFTER_SECONDS));
    }
    if (failure instanceof AskTimeoutException || failure instanceof TimeoutException) {
      return response(
              StatusCodes.SERVICE_UNAVAILABLE,
              "unavailable",
              "The service did not answer in time; try again.")
          .addHeader(RetryAfter.create(UNAVAILABLE_RETRY_AFTER_SECONDS));
    }
    log.error("Request failed", failure);
    return response(
        StatusCodes.INTERNAL_SERVER_ERROR, "internal_error", "Something went wrong on our side.");
  }

  private RejectionHandler rejectionHandler() {
    return RejectionHandler.newBuilder()
        .handle(
            MalformedRequestContentRejection.class,
            rejection -> complete(responseFor(rejection.getCause())))
        .handle(
            UnsupportedRequestContentTypeRejection.class,
            rejection ->
                complete(
                    response(
                        StatusCodes.BAD_REQUEST,
                        "unsupported_content_type",
                        "The request body must be JSON (Content-Type: application/json).")))
        .handle(
            CorsRejection.class,
            rejection ->
                complete(
                    response(
                        StatusCodes.FORBIDDEN,
                        "origin_not_allowed",
                        "This origin may not use the API (livechat.http.cors.allowed-origins).")))
        .handle(
            AuthorizationFailedRejection.class,
            rejection ->
                complete(response(StatusCodes.FORBIDDEN, "forbidden", "You may not do this.")))
        .handleAll(
            MethodRejection.class,
            rejections ->
                complete(
                    response(
                        StatusCodes.METHOD_NOT_ALLOWED,
                        "method_not_allowed",
                        "This path accepts "
                            + rejections.stream()
                                .map(rejection -> rejection.supported().name())
                                .collect(Collectors.joining(", "))
                            + ".")))
        .handleNotFound(
            complete(
                response(StatusCodes.NOT_FOUND, "not_found", "There is nothing at this address.")))
        .build()
        .seal();
  }
}
