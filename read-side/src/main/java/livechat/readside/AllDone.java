package livechat.readside;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;

/** Writes run side by side, done when all of them are, failed when any failed. */
final class AllDone {

  private AllDone() {}

  static CompletionStage<Done> of(List<? extends CompletionStage<?>> writes) {
    return CompletableFuture.allOf(
            writes.stream()
                .map(CompletionStage::toCompletableFuture)
                .toArray(CompletableFuture[]::new))
        .thenApply(all -> Done.done());
  }
}
