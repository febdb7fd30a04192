package livechat.http.websocket;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.conversation.ConversationHistory;
import livechat.http.auth.Authentication;
import livechat.http.auth.Caller;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.javadsl.Flow;

/**
 * {@code GET /ws?token=...}: each connection is a {@link Session} actor and one {@link SocketStage}
 * that feeds it the client's frames and writes its own through a bounded buffer. A frame over 64
 * KiB, a bad, expired or revoked token or a long silence gets an {@code error} frame, then the
 * socket is closed; so does a socket past the caller's {@code max-sockets-per-token}, and one whose
 * token expires or is revoked while it is open. Past {@code frames-per-second}, a socket is read no
 * faster.
 */
public final class WebSocketRoutes extends AllDirectives {

  private static final int OUTGOING_BUFFER = 1024;

  /** How long a session waits for its socket's stream to start before it gives up. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<?> system;
  private final Authentication auth;
  private final EntityDirectory directory;
  private final ConversationHistory history;
  private final Duration askTimeout;
  private final Duration idleTimeout;
  private final int framesPerSecond;
  private final int framesBurst;
  private final int maxSocketsPerToken;
  private final SocketsPerCaller sockets;

  public WebSocketRoutes(
      ActorSystem<?> system,
      Authentication auth,
      EntityDirectory directory,
      ConversationHistory history) {
    this.system = system;
    this.auth = auth;
    this.directory = directory;
    this.history = history;
    this.askTimeout = system.settings().config().getDuration("livechat.http.ask-timeout");
    this.idleTimeout = system.settings().config().getDuration("livechat.websocket.idle-timeout");
    var websocket = system.settings().config().getConfig("livechat.websocket");
    this.framesPerSecond = websocket.getInt("frames-per-second");
    this.framesBurst = websocket.getInt("frames-burst");
    this.maxSocketsPerToken = websocket.getInt("max-sockets-per-token");
    this.sockets = new SocketsPerCaller(maxSocketsPerToken);
  }

  public Route route() {
    return path(
        "ws",
        () ->
            get(
                () ->
                    parameterOptional(
                        "token",
                        token -> onSuccess(connection(token), this::handleWebSocketMessages))));
  }

  /** The socket for the token: a session, or one that says why it may not open and closes. */
  private CompletionStage<Flow<Message, Message, NotUsed>> connection(Optional<String> token) {
    if (token.isEmpty()) {
      return CompletableFuture.completedFuture(connection((Caller) null));
    }
    return auth.caller(token.get())
        .handle(
            (caller, failure) -> {
              if (failure == null) {
                return connection(caller);
              }
              Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
              return cause instanceof Rejection rejection
                  ? session(
                      (out, window) -> Session.refused(out, rejection.code(), rejection.reason()))
                  : session(
                      (out, window) ->
                          Session.refused(
                              out,
                              "unavailable",
                              "The service did not answer in time; try again."));
            });
  }

  private Flow<Message, Message, NotUsed> connection(Caller caller) {
    String key = callerKey(caller);
    if (key == null) {
      return session(
          (out, window) ->
              Session.create(out, window, null, auth, directory, history, askTimeout, idleTimeout));
    }
    if (!sockets.tryOpen(key)) {
      return session(
          (out, window) ->
              Session.refused(
                  out,
                  "too_many_sockets",
                  "This token has " + maxSocketsPerToken + " sockets open on this node already."));
    }
    return session(
        (out, window) ->
            Session.create(out, window, caller, auth, directory, history, askTimeout, idleTimeout),
        () -> sockets.closed(key));
  }

  /** Who a socket counts against: the operator, or the visitor's conversation. */
  private static String callerKey(Caller caller) {
    if (caller instanceof Caller.Operator operator) {
      return "operator:" + operator.operatorId();
    }
    if (caller instanceof Caller.Visitor visitor) {
      return "visitor:" + visitor.conversationId();
    }
    return null;
  }

  /** A socket served by the session actor the factory makes, given where its frames go. */
  private Flow<Message, Message, NotUsed> session(
      BiFunction<Session.Socket, OutgoingWindow, Behavior<Session.Event>> behavior) {
    return session(behavior, null);
  }

  /**
   * A socket served by the session actor the factory makes; {@code onEnd}, when not null, runs once
   * the socket's stream has ended.
   */
  private Flow<Message, Message, NotUsed> session(
      BiFunction<Session.Socket, OutgoingWindow, Behavior<Session.Event>> behavior,
      Runnable onEnd) {
    OutgoingWindow window = new OutgoingWindow(OUTGOING_BUFFER / 4);
    ActorRef<Session.Event> session =
        system.systemActorOf(
            Session.awaitingConnection(socket -> behavior.apply(socket, window), CONNECT_TIMEOUT),
            "websocket-" + UUID.randomUUID(),
            Props.empty());
    return Flow.fromGraph(
        new SocketStage(session, window, framesPerSecond, framesBurst, OUTGOING_BUFFER, onEnd));
  }
}
