package livechat.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One client WebSocket of the public API: frames out in order (the JDK socket allows one send in
 * flight, so later ones queue here), and each frame in handed to a {@link Handler} with the time it
 * arrived, before it is parsed.
 */
public final class ChatSocket implements WebSocket.Listener {

  /** Receives a socket's frames, on the client's threads, one at a time per socket. */
  public interface Handler {
    void onFrame(ChatSocket socket, JsonNode frame, long receivedNanos);
  }

  private final Role role;
  private final Handler handler;
  private final ArrayDeque<String> outbox = new ArrayDeque<>();
  private final StringBuilder partial = new StringBuilder();
  private boolean sending;
  private volatile WebSocket webSocket;

  private ChatSocket(Role role, Handler handler) {
    this.role = role;
    this.handler = handler;
  }

  public static CompletableFuture<ChatSocket> open(
      HttpClient client, URI uri, Role role, Handler handler) {
    ChatSocket socket = new ChatSocket(role, handler);
    return client
        .newWebSocketBuilder()
        .buildAsync(uri, socket)
        .thenApply(
            ws -> {
              socket.webSocket = ws;
              return socket;
            });
  }

  public Role role() {
    return role;
  }

  public void send(String frame) {
    synchronized (outbox) {
      if (sending) {
        outbox.add(frame);
        return;
      }
      sending = true;
    }
    write(frame);
  }

  private void write(String frame) {
    webSocket
        .sendText(frame, true)
        .whenComplete(
            (ws, failure) -> {
              String next;
              synchronized (outbox) {
                next = failure == null ? outbox.poll() : null;
                if (next == null) {
                  sending = false;
                  return;
                }
              }
              write(next);
            });
  }

  public void close() {
    WebSocket ws = webSocket;
    if (ws != null) {
      ws.abort();
    }
  }

  @Override
  public void onOpen(WebSocket webSocket) {
    this.webSocket = webSocket;
    webSocket.request(Long.MAX_VALUE);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    long now = System.nanoTime();
    if (!last) {
      partial.append(data);
      return null;
    }
    CharSequence text = data;
    if (partial.length() > 0) {
      text = partial.append(data).toString();
      partial.setLength(0);
    }
    handler.onFrame(this, Frame.read(text), now);
    return null;
  }
}
