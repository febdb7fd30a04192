package livechat.http.admin;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import livechat.engine.Rejection;

/**
 * A read side that cannot answer (Cassandra away or slow) is a 503 with {@code Retry-After}, as an
 * entity that does not answer is: its failure becomes a timeout; a {@link Rejection} stays as it
 * is.
 */
final class ReadSideAnswers {

  private ReadSideAnswers() {}

  static <T> CompletionStage<T> orUnavailable(CompletionStage<T> stage) {
    return stage
        .handle(
            (value, failure) -> {
              if (failure == null) {
                return CompletableFuture.completedFuture(value);
              }
              Throwable cause =
                  failure instanceof CompletionException && failure.getCause() != null
                      ? failure.getCause()
                      : failure;
              if (cause instanceof Rejection) {
                return CompletableFuture.<T>failedFuture(cause);
              }
              TimeoutException timeout = new TimeoutException("the read side did not answer");
              timeout.initCause(cause);
              return CompletableFuture.<T>failedFuture(timeout);
            })
        .thenCompose(result -> result);
  }
}
