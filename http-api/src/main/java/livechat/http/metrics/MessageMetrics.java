package livechat.http.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Messages through this node: {@code livechat_messages_stored_total} with the send-to-ack latency
 * histogram {@code livechat_message_send_to_ack_seconds} (from the client's send to the stored
 * acknowledgement), and {@code livechat_messages_delivered_total} (messages pushed to a socket).
 */
public final class MessageMetrics {

  private final Counter stored;
  private final Counter delivered;
  private final Timer sendToAck;

  MessageMetrics(MeterRegistry registry) {
    stored =
        Counter.builder("livechat.messages.stored")
            .description("Messages stored and acknowledged to their sender")
            .register(registry);
    delivered =
        Counter.builder("livechat.messages.delivered")
            .description("Messages pushed to a WebSocket")
            .register(registry);
    sendToAck =
        Timer.builder("livechat.message.send.to.ack")
            .description("Time from a message's send to its acknowledgement")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
  }

  /** A message was stored; {@code sendToAck} is how long its sender waited for the ack. */
  public void stored(Duration sendToAck) {
    stored.increment();
    this.sendToAck.record(sendToAck);
  }

  /** A message was pushed to one WebSocket. */
  public void delivered() {
    delivered.increment();
  }
}
