package livechat.http.websocket;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.FlowShape;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.StreamLimitReachedException;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStage;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.stream.stage.TimerGraphStageLogic;

/**
 * One WebSocket's stream in one stage, between the connection and its {@link Session}. It reads the
 * client's frames, {@code framesPerSecond} a second after a burst of {@code framesBurst} (past that
 * it reads no faster: TCP backpressure, nothing is dropped), and hands them to the session; it
 * writes the frames the session hands it, keeping up to {@code bufferLimit} of them for a client
 * that falls behind (past that the socket fails). Once it runs it tells the session {@link
 * Session.Connected}; once either side ends it ends too, and the session hears {@link
 * Session.ClientGone}. One stage rather than a chain of library ones (throttle, map, actor sink and
 * source, coupling, termination watch): each of those costs every open socket its own logic,
 * connections and blueprint for as long as the socket is open.
 */
final class SocketStage extends GraphStage<FlowShape<Message, Message>> {

  static final int MAX_FRAME_BYTES = 64 * 1024;

  private final Inlet<Message> in = Inlet.create("SocketStage.in");
  private final Outlet<Message> out = Outlet.create("SocketStage.out");
  private final FlowShape<Message, Message> shape = FlowShape.of(in, out);

  private final ActorRef<Session.Event> session;
  private final OutgoingWindow window;
  private final int framesPerSecond;
  private final int framesBurst;
  private final int bufferLimit;
  private final Runnable onEnd;

  /** {@code onEnd} runs once the socket's stream has ended, however it ended. */
  SocketStage(
      ActorRef<Session.Event> session,
      OutgoingWindow window,
      int framesPerSecond,
      int framesBurst,
      int bufferLimit,
      Runnable onEnd) {
    this.session = session;
    this.window = window;
    this.framesPerSecond = framesPerSecond;
    this.framesBurst = framesBurst;
    this.bufferLimit = bufferLimit;
    this.onEnd = onEnd;
  }

  @Override
  public FlowShape<Message, Message> shape() {
    return shape;
  }

  @Override
  public GraphStageLogic createLogic(Attributes inheritedAttributes) {
    return new Logic();
  }

  private final class Logic extends TimerGraphStageLogic {

    private static final String READ_TIMER = "read";

    /** Frames the session handed over that the client has not taken yet. */
    private final ArrayDeque<String> pending = new ArrayDeque<>();

    private final AsyncCallback<Session.Out> fromSession = createAsyncCallback(this::onSessionOut);
    private final AsyncCallback<Session.Event> streamedRead = createAsyncCallback(this::onRead);

    /** The session asked to close: what is pending goes out first. */
    private boolean closing;

    /** Frames that may be read now, refilled at {@code framesPerSecond} up to the burst. */
    private double readable = framesBurst;

    private long refilledAt = System.nanoTime();

    Logic() {
      super(shape);
      setHandler(
          in,
          new AbstractInHandler() {
            @Override
            public void onPush() {
              onFrame(grab(in));
            }
          });
      setHandler(
          out,
          new AbstractOutHandler() {
            @Override
            public void onPull() {
              if (!pending.isEmpty()) {
                pushFrame(pending.poll());
              } else if (closing) {
                completeStage();
              }
            }
          });
    }

    @Override
    public void preStart() {
      session.tell(new Session.Connected(fromSession::invoke));
      pullWithinRate();
    }

    @Override
    public void postStop() {
      session.tell(new Session.ClientGone());
      if (onEnd != null) {
        onEnd.run();
      }
    }

    @Override
    public void onTimer(Object timerKey) {
      pullWithinRate();
    }

    /** A frame that arrived whole (nearly all of them) is read at once; a streamed one later. */
    private void onFrame(Message message) {
      if (message.isText() && message.asTextMessage().isStrict()) {
        onRead(eventOf(message.asTextMessage().getStrictText()));
      } else {
        readStreamed(message, materializer()).thenAccept(streamedRead::invoke);
      }
    }

    private void onRead(Session.Event event) {
      session.tell(event);
      pullWithinRate();
    }

    /** Asks for the next frame if the rate allows, otherwise once it does. */
    private void pullWithinRate() {
      if (isClosed(in) || hasBeenPulled(in)) {
        return;
      }
      long now = System.nanoTime();
      readable = Math.min(framesBurst, readable + (now - refilledAt) * framesPerSecond / 1e9);
      refilledAt = now;
      if (readable >= 1) {
        readable -= 1;
        pull(in);
      } else {
        long wait = (long) Math.ceil((1 - readable) * 1e9 / framesPerSecond);
        scheduleOnce(READ_TIMER, Duration.ofNanos(wait));
      }
    }

    private void onSessionOut(Session.Out sent) {
      if (closing) {
        return;
      }
      if (sent instanceof Session.Close) {
        closing = true;
        if (pending.isEmpty()) {
          completeStage();
        }
      } else if (isAvailable(out) && pending.isEmpty()) {
        pushFrame(((Session.Frame) sent).json());
      } else if (pending.size() >= bufferLimit) {
        failStage(
            new BufferOverflowException(
                "The client took none of the last " + bufferLimit + " frames."));
      } else {
        pending.add(((Session.Frame) sent).json());
      }
    }

    private void pushFrame(String json) {
      push(out, TextMessage.create(json));
      window.taken();
    }
  }

  /** The session's event for a frame's whole text: the text, or that it is too large. */
  private static Session.Event eventOf(String text) {
    return tooLarge(text) ? new Session.FrameTooLarge() : new Session.FromClient(text);
  }

  /** Past 64 KiB in UTF-8; a text of few characters is not encoded to know. */
  private static boolean tooLarge(String text) {
    return text.length() > MAX_FRAME_BYTES / 3
        && text.getBytes(StandardCharsets.UTF_8).length > MAX_FRAME_BYTES;
  }

  /** The whole text of a streamed frame, or {@link Session.FrameTooLarge} past 64 KiB. */
  private static CompletionStage<Session.Event> readStreamed(
      Message message, Materializer materializer) {
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
