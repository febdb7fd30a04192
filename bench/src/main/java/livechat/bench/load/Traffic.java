package livechat.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The messages of a scenario over its sockets: sends them (recording each in the ledger) and reads
 * what comes back (acks, messages, errors). In ping-pong mode each first delivery of a message is
 * answered from the socket that received it, until the traffic stops or its budget of sends is
 * spent.
 */
public final class Traffic implements ChatSocket.Handler {

  private static final String TEXT = "bench message 0123456789 abcdefghijklmnopqrstuvwxyz";
  private static final AtomicLong RUNS = new AtomicLong();

  private final MessageLedger ledger = new MessageLedger();
  private final boolean pingPong;
  private final String prefix =
      "b" + System.currentTimeMillis() + "-" + RUNS.incrementAndGet() + "-";
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
  private final Map<String, LongAdder> errorCodes = new ConcurrentHashMap<>();
  private volatile boolean running = true;
  private volatile SocketSet sockets;

  public Traffic(boolean pingPong) {
    this.pingPong = pingPong;
  }

  public void use(SocketSet sockets) {
    this.sockets = sockets;
  }

  public MessageLedger ledger() {
    return ledger;
  }

  /** Sends at most this many more messages. */
  public void limit(long sends) {
    budget.set(sends);
  }

  public void stop() {
    running = false;
  }

  /**
   * Waits until the budget is spent and every message sent was delivered (a ping-pong chain passes
   * through zero messages open between a delivery and its answer, hence the loop).
   */
  public boolean awaitBudgetDelivered(long timeoutNanos) throws InterruptedException {
    long deadline = System.nanoTime() + timeoutNanos;
    while (ledger.awaitDrained(deadline - System.nanoTime())) {
      if (budget.get() <= 0) {
        return true;
      }
      Thread.onSpinWait();
    }
    return false;
  }

  public Map<String, LongAdder> errorCodes() {
    return errorCodes;
  }

  /** Sends a message of {@code from} in a conversation, as if meant at {@code intendedNanos}. */
  public boolean send(String conversationId, Role from, long intendedNanos) {
    if (!running || budget.getAndDecrement() <= 0) {
      return false;
    }
    ChatSocket socket = sockets.socket(conversationId, from);
    if (socket == null) {
      return false;
    }
    String clientMessageId = prefix + ids.incrementAndGet();
    ledger.sent(clientMessageId, from, intendedNanos);
    socket.send(Frame.send(conversationId, TEXT, clientMessageId));
    return true;
  }

  @Override
  public void onFrame(ChatSocket socket, JsonNode frame, long receivedNanos) {
    switch (frame.path("type").asText()) {
      case "ack" ->
          ledger.acked(
              frame.path("clientMessageId").asText(), frame.path("seq").asLong(), receivedNanos);
      case "message" -> onMessage(socket, frame, receivedNanos);
      case "error" -> {
        errorCodes.computeIfAbsent(frame.path("code").asText(), c -> new LongAdder()).increment();
        ledger.failed(frame.path("clientMessageId").asText(null));
      }
      default -> {}
    }
  }

  private void onMessage(ChatSocket socket, JsonNode frame, long receivedNanos) {
    String conversationId = frame.path("conversationId").asText();
    boolean first =
        ledger.received(
            conversationId,
            socket.role(),
            frame.path("seq").asLong(),
            frame.path("clientMessageId").asText(null),
            receivedNanos);
    if (first && pingPong) {
      send(conversationId, socket.role(), System.nanoTime());
    }
  }
}
