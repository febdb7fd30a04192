package livechat.engine.webhooks;

import java.time.Instant;
import java.util.List;
import livechat.engine.CborSerializable;

/**
 * A receiver of events: its address, the event types it asked for, the secret its deliveries are
 * signed with, and when it was registered (its deliveries start with the events from then on).
 */
public record Webhook(String id, String url, List<String> events, String secret, Instant createdAt)
    implements CborSerializable {

  public boolean wants(String type) {
    return events.contains(type);
  }
}
