package livechat.readside.webhooks;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import livechat.engine.webhooks.LastDelivery;
import org.apache.pekko.Done;
import org.apache.pekko.stream.connectors.cassandra.javadsl.CassandraSession;

/** The last delivery attempt of each webhook, in {@code webhook_deliveries}. */
public final class DeliveryLog {

  private final CassandraSession session;
  private final String keyspace;

  public DeliveryLog(CassandraSession session, String keyspace) {
    this.session = session;
    this.keyspace = keyspace;
  }

  CompletionStage<Done> record(String webhookId, LastDelivery delivery) {
    return session.executeWrite(
        "INSERT INTO " + keyspace + ".webhook_deliveries (webhook_id, at, status) VALUES (?, ?, ?)",
        webhookId,
        delivery.at(),
        delivery.status());
  }

  /** Every webhook's last attempt (a few rows: an installation holds a few webhooks). */
  public CompletionStage<Map<String, LastDelivery>> all() {
    return session
        .selectAll("SELECT webhook_id, at, status FROM " + keyspace + ".webhook_deliveries")
        .thenApply(
            rows -> {
              Map<String, LastDelivery> last = new HashMap<>();
              rows.forEach(
                  row ->
                      last.put(
                          row.getString("webhook_id"),
                          new LastDelivery(row.getInstant("at"), row.getInt("status"))));
              return Map.copyOf(last);
            });
  }
}
