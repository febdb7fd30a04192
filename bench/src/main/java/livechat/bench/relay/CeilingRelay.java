package livechat.bench.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

/**
 * The ceiling the node is measured against: a bare Pekko HTTP WebSocket relay that speaks just
 * enough of the node's frames for the load generator to drive it, with nothing behind them. No
 * persistence, no entities, no authentication: a {@code send} is answered with an {@code ack}
 * carrying an in-memory {@code seq} and relayed as a {@code message} to the peer.
 *
 * <p>Tokens name the socket's side: {@code v:<pair>:<operator>} is the visitor of conversation
 * {@code pair}, served by operator socket {@code o:<operator>}; an operator socket receives the
 * visitors' messages of every pair that names it.
 *
 * <p>Run: {@code java -cp ... livechat.bench.relay.CeilingRelay [port]} (default 8090).
 */
public final class CeilingRelay extends AllDirectives {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int OUTBOX = 4096;

  private final Map<String, Pair> pairs = new ConcurrentHashMap<>();
  private final Map<String, BoundedSourceQueue<Message>> operators = new ConcurrentHashMap<>();
  private final Materializer materializer;

  private CeilingRelay(Materializer materializer) {
    this.materializer = materializer;
  }

  public static void main(String[] args) {
    int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
    ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "ceiling-relay");
    CeilingRelay relay = new CeilingRelay(Materializer.createMaterializer(system));
    Http.get(system)
        .newServerAt("127.0.0.1", port)
        .bind(relay.route())
        .thenAccept(binding -> System.out.println("relay: listening on " + binding.localAddress()));
  }

  private Route route() {
    return concat(
        path("health", () -> complete("ok")),
        path("ws", () -> parameter("token", token -> handleWebSocketMessages(socket(token)))));
  }

  private Flow<Message, Message, ?> socket(String token) {
    var outbox = Source.<Message>queue(OUTBOX).preMaterialize(materializer);
    BoundedSourceQueue<Message> queue = outbox.first();
    Side side = Side.of(token);
    if (side.visitor()) {
      pairs.computeIfAbsent(side.pairId(), id -> new Pair(side.operatorKey())).visitor = queue;
    } else {
      operators.put(side.operatorKey(), queue);
    }
    Sink<Message, ?> inbox =
        Flow.of(Message.class)
            .mapAsync(1, message -> message.asTextMessage().toStrict(5_000, materializer))
            .to(Sink.foreach(text -> onFrame(side, queue, text.getStrictText())));
    return Flow.fromSinkAndSourceCoupled(inbox, outbox.second());
  }

  private void onFrame(Side side, BoundedSourceQueue<Message> sender, String text)
      throws Exception {
    JsonNode frame = JSON.readTree(text);
    switch (frame.path("type").asText()) {
      case "send" -> onSend(side, sender, frame);
      case "ping" -> sender.offer(TextMessage.create("{\"type\":\"pong\"}"));
      default -> {}
    }
  }

  private void onSend(Side side, BoundedSourceQueue<Message> sender, JsonNode frame) {
    String conversationId = frame.path("conversationId").asText();
    String clientMessageId = frame.path("clientMessageId").asText();
    Pair pair = pairs.get(conversationId);
    if (pair == null) {
      sender.offer(TextMessage.create(error("not_found", clientMessageId)));
      return;
    }
    long seq = pair.seq.incrementAndGet();
    sender.offer(
        TextMessage.create(
            "{\"type\":\"ack\",\"clientMessageId\":\""
                + clientMessageId
                + "\",\"seq\":"
                + seq
                + "}"));
    BoundedSourceQueue<Message> peer =
        side.visitor() ? operators.get(pair.operatorKey) : pair.visitor;
    if (peer != null) {
      peer.offer(TextMessage.create(message(side, conversationId, seq, frame, clientMessageId)));
    }
  }

  private static String message(
      Side side, String conversationId, long seq, JsonNode frame, String clientMessageId) {
    var message = JSON.createObjectNode();
    message.put("type", "message").put("conversationId", conversationId).put("seq", seq);
    message
        .putObject("author")
        .put("kind", side.visitor() ? "visitor" : "operator")
        .put("displayName", side.visitor() ? "Visitor" : "Operator");
    message
        .put("text", frame.path("text").asText())
        .put("at", Instant.now().toString())
        .put("clientMessageId", clientMessageId);
    return message.toString();
  }

  private static String error(String code, String clientMessageId) {
    return "{\"type\":\"error\",\"code\":\""
        + code
        + "\",\"message\":\"Unknown pair.\",\"clientMessageId\":\""
        + clientMessageId
        + "\"}";
  }

  /** Two sockets joined: the visitor's outbox (set once it connects) and its operator's key. */
  private static final class Pair {
    final String operatorKey;
    final AtomicLong seq = new AtomicLong();
    volatile BoundedSourceQueue<Message> visitor;

    Pair(String operatorKey) {
      this.operatorKey = operatorKey;
    }
  }

  /** Which side a token names. */
  private record Side(boolean visitor, String pairId, String operatorKey) {
    static Side of(String token) {
      String[] parts = token.split(":");
      return parts[0].equals("v")
          ? new Side(true, parts[1], parts[2])
          : new Side(false, null, parts[1]);
    }
  }
}
