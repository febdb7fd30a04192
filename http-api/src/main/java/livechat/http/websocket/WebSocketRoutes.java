package livechat.http.websocket;

import java.nio.charset.StandardCharsets;
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
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.ActorAttributes;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.StreamLimitReachedException;
import org.apache.pekko.stream.ThrottleMode;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.stream.typed.javadsl.ActorSource;

/**
 * {@code GET /ws?token=...}: each connection is a {@link Session} actor fed by the client's frames,
 * whose frames go out through a bounded buffer. A frame over 64 KiB, a bad, expired or revoked
 * token or a long silence gets an {@code error} frame, then the socket is closed; so does a socket
 * past the caller's {@code max-sockets-per-token}, and one whose token expires or is revoked while
 * it is open. Past {@code frames-per-second}, a socket is read no faster.
 */
public final class WebSocketRoutes extends AllDirectives {

  static final int MAX_FRAME_BYTES = 64 * 1024;
  private static final int OUTGOING_BUFFER = 1024;

  /** How long a session waits for its socket's stream to start before it gives up. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

  /** Pekko allocates a stage's buffer whole below this size, and lets a larger one grow. */
  private static final int LARGEST_WHOLE_BUFFER = 128;

  private final ActorSystem<?> system;
  private final Authentication auth;
  private final EntityDirectory directory;
  private final ConversationHistory history;
  private final Duration askTimeout;
  private final Duration idleTimeout;
  private final Materializer materializer;
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
    this.materializer = Materializer.matFromSystem(system);
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
                Session.create(
                    out, window, caller, auth, directory, history, askTimeout, idleTimeout))
        .watchTermination(
            (notUsed, done) -> {
              done.whenComplete((ended, failure) -> sockets.closed(key));
              return notUsed;
            });
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

  /**
   * A socket served by the session actor the factory makes, given where its frames go. The
   * session's frames go out through a source of the socket's own stream, which tells the session
   * once it runs: a source run apart from it would cost every open socket a stream and an actor of
   * its own.
   */
  private Flow<Message, Message, NotUsed> session(
      BiFunction<ActorRef<Session.Out>, OutgoingWindow, Behavior<Session.Event>> behavior) {
    OutgoingWindow window = new OutgoingWindow(OUTGOING_BUFFER / 4);
    ActorRef<Session.Event> session =
        system.systemActorOf(
            Session.awaitingConnection(out -> behavior.apply(out, window), CONNECT_TIMEOUT),
            "websocket-" + UUID.randomUUID(),
            Props.empty());
    Sink<Message, NotUsed> incoming =
        Flow.<Message>create()
            // past the rate, the socket is read no faster: backpressure, not a growing mailbox
            .throttle(framesPerSecond, Duration.ofSeconds(1), framesBurst, ThrottleMode.shaping())
            .mapAsync(1, this::read)
            .to(
                ActorSink.actorRef(
                    session, new Session.ClientGone(), failure -> new Session.ClientGone()));
    // a Close ends the source, and only frames are emitted
    Source<Message, ActorRef<Session.Out>> frames =
        ActorSource.<Session.Out>actorRef(
                out -> out instanceof Session.Close,
                out -> Optional.empty(),
                OUTGOING_BUFFER,
                OverflowStrategy.fail())
            // a queue that grows past its first 128 slots only for a client that falls behind,
            // rather than an array of OUTGOING_BUFFER slots allocated for every open socket
            .withAttributes(ActorAttributes.maxFixedBufferSize(LARGEST_WHOLE_BUFFER))
            .map(
                frame -> {
                  window.taken();
                  return TextMessage.create(((Session.Frame) frame).json());
                });
    return Flow.fromSinkAndSourceCoupledMat(incoming, frames, Keep.right())
        .mapMaterializedValue(
            out -> {
              session.tell(new Session.Connected(out));
              return NotUsed.getInstance();
            });
  }

  /** Past 64 KiB in UTF-8; a text of few characters is not encoded to know. */
  private static boolean tooLarge(String text) {
    return text.length() > MAX_FRAME_BYTES / 3
        && text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES;
  }

  /**
   * The whole text of a frame, or {@link Session.FrameTooLarge} past 64 KiB. A frame that arrived
   * whole (nearly all of them) is read at once; only a streamed one runs a stream.
   */
  private CompletionStage<Session.Event> read(Message message) {
    if (message.isText() && message.asTextMessage().isStrict()) {
      String text = message.asTextMessage().getStrictText();
      return CompletableFuture.completedFuture(
          tooLarge(text) ? new Session.FrameTooLarge() : new Session.FromClient(text));
    }
    Source<String, ?> text =
        message.isText()
            ? message.asTextMessage().getStreamedText()
            : message
                .asBinaryMessage()
                .getStreamedData()
                .map(bytes -> bytes.decodeString(StandardCharsets.UTF_8));
    return text.limitWeighted(
            MAX_FRAME_BYTES, part -> (long) part.getBytes(StandardCharsets.UTF_8).length)
        .runFold(new StringBuilder(), StringBuilder::append, materializer)
        .<Session.Event>thenApply(whole -> new Session.FromClient(whole.toString()))
        .exceptionally(
            failure ->
                failure instanceof StreamLimitReachedException
                        || failure.getCause() instanceof StreamLimitReachedException
                    ? new Session.FrameTooLarge()
                    : new Session.ClientGone());
  }
}
