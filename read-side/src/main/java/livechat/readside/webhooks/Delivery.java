package livechat.readside.webhooks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import livechat.engine.webhooks.LastDelivery;
import livechat.engine.webhooks.Webhook;
import livechat.readside.TagFollower;
import org.apache.pekko.Done;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a tag's events to one webhook, one at a time and in the tag's order (which keeps each
 * conversation's order): an event the webhook asked for is posted, signed, until the receiver
 * answers 2xx, waiting longer after each failure ({@link WebhookSettings#retryDelay}); after {@code
 * give-up-after} it is skipped. The next event waits, so a receiver that is down holds its
 * webhook's deliveries back and loses none.
 */
final class Delivery implements TagFollower.Handler {

  private static final Logger LOG = LoggerFactory.getLogger(Delivery.class);
  private static final CompletionStage<Done> DONE = CompletableFuture.completedFuture(Done.done());

  private final Webhook webhook;
  private final HttpClient client;
  private final WebhookSettings settings;
  private final DeliveryLog log;
  private volatile boolean stopped;

  Delivery(Webhook webhook, HttpClient client, WebhookSettings settings, DeliveryLog log) {
    this.webhook = webhook;
    this.client = client;
    this.settings = settings;
    this.log = log;
  }

  /**
   * Ends the attempts in progress, without storing their events' positions: the webhook was
   * removed, or this node no longer delivers (the singleton moved to another node).
   */
  void stop() {
    stopped = true;
  }

  @Override
  public CompletionStage<Done> apply(EventEnvelope envelope) {
    Optional<WebhookEvent> event =
        WebhookEvent.of(envelope).filter(candidate -> webhook.wants(candidate.type()));
    if (event.isEmpty()) {
      return DONE;
    }
    byte[] body = event.get().body();
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(webhook.url()))
            .timeout(settings.requestTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "livechat-webhooks")
            .header(Signature.HEADER, Signature.of(body, webhook.secret()))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    return attempt(event.get(), request, 1, Instant.now());
  }

  private CompletionStage<Done> attempt(
      WebhookEvent event, HttpRequest request, int attempt, Instant firstAttempt) {
    if (stopped) {
      // never done: the event's position is not stored, and whoever delivers next sends it
      return CompletableFuture.failedFuture(
          new IllegalStateException("The delivery to webhook " + webhook.id() + " stopped"));
    }
    return client
        .sendAsync(request, HttpResponse.BodyHandlers.discarding())
        .handle((response, failure) -> failure == null ? response.statusCode() : 0)
        .thenCompose(
            status -> {
              Instant now = Instant.now();
              record(now, status);
              if (status / 100 == 2) {
                return DONE;
              }
              if (Duration.between(firstAttempt, now).compareTo(settings.giveUpAfter()) >= 0) {
                LOG.error(
                    "Webhook {} ({}): gave up event {} after {} attempts; the last answer was {}",
                    webhook.id(),
                    webhook.url(),
                    event.id(),
                    attempt,
                    status);
                return DONE;
              }
              Duration delay = settings.retryDelay(attempt);
              LOG.warn(
                  "Webhook {} ({}): event {} not delivered (status {}), attempt {}; next in {}",
                  webhook.id(),
                  webhook.url(),
                  event.id(),
                  status,
                  attempt,
                  delay);
              return CompletableFuture.supplyAsync(
                      () -> null,
                      CompletableFuture.delayedExecutor(delay.toMillis(), TimeUnit.MILLISECONDS))
                  .thenCompose(later -> attempt(event, request, attempt + 1, firstAttempt));
            });
  }

  /** Notes the attempt for the admin's list; a note that fails to be written changes nothing. */
  private void record(Instant at, int status) {
    log.record(webhook.id(), new LastDelivery(at, status))
        .exceptionally(
            failure -> {
              LOG.debug("Webhook {}: last delivery not written", webhook.id(), failure);
              return Done.done();
            });
  }
}
