package livechat.http.webhooks;

import java.time.Instant;
import java.util.List;
import livechat.engine.webhooks.LastDelivery;
import livechat.engine.webhooks.Webhook;
import livechat.http.InvalidRequest;

/** The JSON of the webhook routes. The secret is written, never read back. */
public final class WebhookJson {

  private WebhookJson() {}

  /** What the admin sends to register a webhook. */
  public record Request(String url, List<String> events, String secret) {
    public Request {
      if (url == null) {
        throw InvalidRequest.missingField("url");
      }
      if (events == null) {
        throw InvalidRequest.missingField("events");
      }
      if (secret == null) {
        throw InvalidRequest.missingField("secret");
      }
    }
  }

  public record Registered(String id, String url, List<String> events) {
    public static Registered of(Webhook webhook) {
      return new Registered(webhook.id(), webhook.url(), webhook.events());
    }
  }

  public record Delivery(Instant at, int status) {
    static Delivery of(LastDelivery last) {
      return last == null ? null : new Delivery(last.at(), last.status());
    }
  }

  public record Listed(String id, String url, List<String> events, Delivery lastDelivery) {
    public static Listed of(Webhook webhook, LastDelivery last) {
      return new Listed(webhook.id(), webhook.url(), webhook.events(), Delivery.of(last));
    }
  }
}
