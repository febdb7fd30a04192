package livechat.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client ({@code java.net.http}) that keeps every frame it receives. */
public final class WsClient implements AutoCloseable {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final List<JsonNode> frames = new ArrayList<>();
  private final CompletableFuture<String> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private WsClient(URI uri) {
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .buildAsync(uri, new Listener())
            .join();
  }

  public static WsClient connect(ApiTestServer server, String token) {
    return connect(server.uri(""), token);
  }

  /** Connects to the node at the HTTP base address. */
  public static WsClient connect(URI httpBase, String token) {
    return new WsClient(
        URI.create(
            "ws://"
                + httpBase.getHost()
                + ":"
                + httpBase.getPort()
                + "/ws"
                + (token == null ? "" : "?token=" + token)));
  }

  public synchronized void send(String json) {
    socket.sendText(json, true).join();
  }

  /**
   * The first frame received that matches, waiting for it if need be; frames that do not match stay
   * for later calls.
   */
  public JsonNode await(Predicate<JsonNode> matching) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    synchronized (frames) {
      while (true) {
        for (Iterator<JsonNode> it = frames.iterator(); it.hasNext(); ) {
          JsonNode frame = it.next();
          if (matching.test(frame)) {
            it.remove();
            return frame;
          }
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "no matching frame within "
                  + WAIT
                  + "; received "
                  + frames
                  + (closed.isDone() ? "; closed: " + closed.join() : ""));
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(frames, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  public JsonNode awaitType(String type) {
    return await(frame -> type.equals(frame.path("type").asText()));
  }

  /** The message frames of a conversation, the next {@code count} of them, in arrival order. */
  public List<JsonNode> awaitMessages(String conversationId, int count) {
    List<JsonNode> messages = new ArrayList<>();
    while (messages.size() < count) {
      messages.add(
          await(
              frame ->
                  "message".equals(frame.path("type").asText())
                      && conversationId.equals(frame.path("conversationId").asText())));
    }
    return messages;
  }

  /** Frames received so far and not yet taken. */
  public List<JsonNode> drain() {
    synchronized (frames) {
      List<JsonNode> rest = new ArrayList<>(frames);
      frames.clear();
      return rest;
    }
  }

  /** The close the server sent: "code reason". */
  public String awaitClose() {
    try {
      return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the server did not close the socket", e);
    }
  }

  /** Drops the connection without a closing handshake, as a lost network would. */
  public void drop() {
    socket.abort();
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
    }
    socket.abort();
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        JsonNode frame = ErrorBody.read(text.toString());
        text.setLength(0);
        synchronized (frames) {
          frames.add(frame);
          frames.notifyAll();
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode + " " + reason);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete("error " + error);
    }
  }
}
