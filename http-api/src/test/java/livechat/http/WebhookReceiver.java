package livechat.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A real HTTP receiver of webhook deliveries, as an integrating backend runs one: it keeps every
 * request it gets, and answers 500 until {@link #failUntil} (or for {@link #failFromTheFirstFor}
 * from the first request) and 204 after.
 */
public final class WebhookReceiver implements AutoCloseable {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One request as it arrived: its raw body, its signature header and the answer given. */
  public record Delivery(String body, String signature, int answered, Instant at) {
    public JsonNode json() {
      try {
        return MAPPER.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private final HttpServer server;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private volatile Instant failUntil = Instant.MIN;
  private volatile Duration failFromTheFirst = Duration.ZERO;
  private volatile Duration answerAfter = Duration.ZERO;

  public WebhookReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/hooks", this::handle);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
  }

  /** Answers 500 to every delivery until then. */
  public void failUntil(Instant until) {
    failUntil = until;
  }

  /**
   * Answers 500 to every delivery for this long from the first one, however long the first takes to
   * come.
   */
  public void failFromTheFirstFor(Duration window) {
    failFromTheFirst = window;
  }

  /** Takes this long to answer each delivery, as a busy backend does. */
  public void answerAfter(Duration delay) {
    answerAfter = delay;
  }

  public List<Delivery> deliveries() {
    return List.copyOf(deliveries);
  }

  /** The deliveries that were answered 2xx. */
  public List<Delivery> accepted() {
    return deliveries.stream().filter(delivery -> delivery.answered() / 100 == 2).toList();
  }

  /**
   * The events accepted, each once (the first time its id arrived), grouped by conversation (or
   * operator) in the order they arrived.
   */
  public Map<String, List<JsonNode>> acceptedBySubject() {
    Map<String, List<JsonNode>> bySubject = new LinkedHashMap<>();
    List<String> seen = new ArrayList<>();
    for (Delivery delivery : accepted()) {
      JsonNode event = delivery.json();
      String id = event.get("id").asText();
      if (seen.contains(id)) {
        continue;
      }
      seen.add(id);
      JsonNode data = event.get("data");
      String subject =
          data.has("conversationId")
              ? data.get("conversationId").asText()
              : data.get("operatorId").asText();
      bySubject.computeIfAbsent(subject, key -> new ArrayList<>()).add(event);
    }
    return bySubject;
  }

  /** {@code sha256=} and the hex HMAC-SHA256 of the body with the secret, as a receiver checks. */
  public static String expectedSignature(String body, String secret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return "sha256="
          + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    try {
      Thread.sleep(answerAfter.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Instant now = Instant.now();
    int status = record(body, exchange.getRequestHeaders().getFirst("X-Livechat-Signature"), now);
    exchange.sendResponseHeaders(status, -1);
    exchange.close();
  }

  /** Keeps the delivery and returns the answer it gets. */
  private synchronized int record(String body, String signature, Instant now) {
    if (deliveries.isEmpty() && !failFromTheFirst.isZero()) {
      failUntil = now.plus(failFromTheFirst);
    }
    int status = now.isBefore(failUntil) ? 500 : 204;
    deliveries.add(new Delivery(body, signature, status, now));
    return status;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
