package livechat.http.websocket;

import static livechat.http.websocket.ServerFrames.error;
import static livechat.http.websocket.ServerFrames.errorOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.function.Function;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.ConversationHistory;
import livechat.engine.operator.Operator;
import livechat.http.Ids;
import livechat.http.InvalidRequest;
import livechat.http.Json;
import livechat.http.OncePerInterval;
import livechat.http.auth.Authentication;
import livechat.http.auth.Caller;
import livechat.http.health.CassandraAvailability;
import livechat.http.metrics.Metrics;
import org.apache.pekko.Done;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One WebSocket connection, on the node that holds it. An operator's session watches its operator
 * entity and subscribes to each of its conversations; a visitor's subscribes to its conversation.
 * Updates go to the client as frames; messages are sent in {@code seq} order, at most once per
 * {@code seq} unless the client subscribes again. A {@code send} is acknowledged only once the
 * message is stored. An operator's {@code send}, {@code typing} and {@code seen} count as its
 * activity; opening the socket, {@code ping} and {@code subscribe} do not, since a page left open
 * does them by itself. Its {@link MessageFeed} keeps the messages in order; {@link ServerFrames}
 * makes the frames.
 */
final class Session {

  sealed interface Event {}

  /** The socket's stream runs: where the session's frames go from now on. */
  record Connected(Socket socket) implements Event {}

  record FromClient(String text) implements Event {}

  record ClientGone() implements Event {}

  record FrameTooLarge() implements Event {}

  record FromConversation(Conversation.Update update) implements Event {}

  record FromOperator(Operator.Update update) implements Event {}

  record HeldConversations(Operator.Profile profile) implements Event {}

  record Given(String conversationId, Conversation.View view) implements Event {}

  record Reply(ObjectNode frame) implements Event {}

  record IdleTimeout() implements Event {}

  record Renew() implements Event {}

  record PageRead(String conversationId, Conversation.Messages page, Throwable failure)
      implements Event {}

  /** The socket took most of what it was handed: history reading may go on. */
  record Drained() implements Event {}

  record TokenExpired() implements Event {}

  record TokenRevoked() implements Event {}

  /** What goes out on the socket: a frame, or the end of the connection. */
  sealed interface Out {}

  /** Where a session's frames go: its socket's stream. Any thread may hand it one. */
  interface Socket {
    void take(Out out);
  }

  record Frame(String json) implements Out {}

  record Close() implements Out {}

  private static final Duration CLOSING_GRACE = Duration.ofSeconds(10);

  /**
   * The most events held until the socket's stream runs: none in practice, since the stream tells
   * the session it runs before it reads a frame.
   */
  private static final int HELD_BEFORE_CONNECTED = 64;

  /**
   * How often the session subscribes again, from the last {@code seq} it sent: an entity that was
   * passivated or moved to another node forgets its subscribers, and this brings back what was
   * missed. It also keeps the entities alive while the socket is open.
   */
  private static final Duration RENEW_INTERVAL = Duration.ofSeconds(30);

  private final ActorContext<Event> context;
  private final Socket out;
  private final Authentication auth;
  private final EntityDirectory directory;
  private final OutgoingWindow window;
  private final Duration askTimeout;
  private final Duration idleTimeout;
  private final TimerScheduler<Event> timers;
  private final Caller caller;
  private final ActorRef<Conversation.Update> conversationUpdates;
  private final Metrics metrics;
  private final MessageFeed feed;

  /** Typing is passed on at most once per {@code livechat.websocket.typing-interval}. */
  private final OncePerInterval typing;

  /** When the client's last frame arrived ({@link System#nanoTime}). */
  private long lastFrameNanos;

  private Session(
      ActorContext<Event> context,
      TimerScheduler<Event> timers,
      Socket out,
      Caller caller,
      Authentication auth,
      EntityDirectory directory,
      ConversationHistory history,
      OutgoingWindow window,
      Duration askTimeout,
      Duration idleTimeout) {
    this.context = context;
    this.timers = timers;
    this.out = out;
    this.caller = caller;
    this.auth = auth;
    this.directory = directory;
    this.window = window;
    this.askTimeout = askTimeout;
    this.idleTimeout = idleTimeout;
    this.conversationUpdates =
        context.messageAdapter(Conversation.Update.class, FromConversation::new);
    this.metrics = Metrics.get(context.getSystem());
    this.feed = new MessageFeed(context, history, window, this::send, metrics);
    this.typing =
        new OncePerInterval(
            context
                .getSystem()
                .settings()
                .config()
                .getDuration("livechat.websocket.typing-interval"));
  }

  /** A session for the caller; {@code caller} is null when the token was missing or bad. */
  static Behavior<Event> create(
      Socket out,
      OutgoingWindow window,
      Caller caller,
      Authentication auth,
      EntityDirectory directory,
      ConversationHistory history,
      Duration askTimeout,
      Duration idleTimeout) {
    if (caller == null) {
      return refused(out, "unauthorized", "The token is missing, not valid or expired.");
    }
    if (caller instanceof Caller.Admin) {
      return refused(
          out, "unauthorized", "Open the socket with an operator's or a visitor's token.");
    }
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new Session(
                            context,
                            timers,
                            out,
                            caller,
                            auth,
                            directory,
                            history,
                            window,
                            askTimeout,
                            idleTimeout)
                        .start()));
  }

  /**
   * A session whose socket's stream does not run yet: what arrives meanwhile waits for it, and the
   * session stops if it does not start within {@code timeout} (a socket whose upgrade never
   * completed).
   */
  static Behavior<Event> awaitingConnection(
      Function<Socket, Behavior<Event>> session, Duration timeout) {
    return Behaviors.setup(
        context -> {
          Cancellable giveUp = context.scheduleOnce(timeout, context.getSelf(), new ClientGone());
          return Behaviors.withStash(
              HELD_BEFORE_CONNECTED,
              held ->
                  Behaviors.receive(Event.class)
                      .onMessage(
                          Connected.class,
                          connected -> {
                            giveUp.cancel();
                            return held.unstashAll(session.apply(connected.socket()));
                          })
                      .onMessage(ClientGone.class, gone -> Behaviors.stopped())
                      .onAnyMessage(
                          event -> {
                            held.stash(event);
                            return Behaviors.same();
                          })
                      .build());
        });
  }

  /** A socket that may not open: it is told why, then closed. */
  static Behavior<Event> refused(Socket out, String code, String message) {
    return Behaviors.withTimers(
        timers -> {
          out.take(new Frame(Json.write(error(code, message, null))));
          out.take(new Close());
          return closing(timers);
        });
  }

  private Behavior<Event> start() {
    if (caller instanceof Caller.Operator operator) {
      watch(operator);
      context.askWithStatus(
          Operator.Profile.class,
          directory.operator(operator.operatorId()),
          askTimeout,
          Operator.GetProfile::new,
          (profile, failure) -> profile != null ? new HeldConversations(profile) : new Reply(null));
    } else if (caller instanceof Caller.Visitor visitor) {
      subscribeLive(visitor.conversationId());
    }
    resetIdleTimer();
    auth.untilExpiry(caller)
        .ifPresent(left -> timers.startSingleTimer("expiry", new TokenExpired(), left));
    timers.startTimerWithFixedDelay("renew", new Renew(), RENEW_INTERVAL);
    metrics.sockets().opened(kind());
    return Behaviors.receiveMessage(this::onEvent);
  }

  /**
   * One method rather than the builder's cases, which would make some thirty objects for every open
   * socket.
   */
  private Behavior<Event> onEvent(Event event) {
    if (event instanceof FromClient e) {
      return onFromClient(e);
    } else if (event instanceof FromConversation e) {
      return onFromConversation(e);
    } else if (event instanceof FromOperator e) {
      return onFromOperator(e);
    } else if (event instanceof HeldConversations e) {
      return onHeldConversations(e);
    } else if (event instanceof Given e) {
      return onGiven(e);
    } else if (event instanceof Reply e) {
      return onReply(e);
    } else if (event instanceof FrameTooLarge) {
      return close("message_too_large", "Frames hold at most 64 KiB.");
    } else if (event instanceof Renew e) {
      return onRenew(e);
    } else if (event instanceof PageRead e) {
      feed.onPageRead(e);
    } else if (event instanceof Drained) {
      feed.onDrained();
    } else if (event instanceof IdleTimeout) {
      return onIdleTimeout();
    } else if (event instanceof TokenExpired) {
      return close("token_expired", "The token has expired; log in again.");
    } else if (event instanceof TokenRevoked) {
      return close(
          "token_revoked",
          "The token was revoked: its operator logged out, was disabled or got a new password.");
    } else if (event instanceof ClientGone) {
      return stopped();
    }
    return Behaviors.same();
  }

  private Behavior<Event> stopped() {
    metrics.sockets().closed(kind());
    return Behaviors.stopped();
  }

  private String kind() {
    return caller instanceof Caller.Operator ? "operator" : "visitor";
  }

  // ---------------------------------------------------------------- from the client

  private Behavior<Event> onFromClient(FromClient frame) {
    lastFrameNanos = System.nanoTime();
    ClientFrame parsed;
    try {
      parsed = ClientFrame.read(frame.text());
    } catch (InvalidRequest invalid) {
      send(
          error(invalid.code(), invalid.getMessage(), ClientFrame.clientMessageIdOf(frame.text())));
      return Behaviors.same();
    }
    if (parsed instanceof ClientFrame.Ping) {
      send(ServerFrames.pong());
      return Behaviors.same();
    }
    if (caller instanceof Caller.Operator operator && !(parsed instanceof ClientFrame.Subscribe)) {
      auth.recordActivity(operator.operatorId());
    }
    String conversationId = conversationOf(parsed);
    String clientMessageId =
        parsed instanceof ClientFrame.Send send ? send.clientMessageId() : null;
    if (!Ids.wellFormed(conversationId)) {
      Rejection unknown = Ids.Kind.CONVERSATION.unknown();
      send(error(unknown.code(), unknown.reason(), clientMessageId));
      return Behaviors.same();
    }
    Participant participant = participant(conversationId);
    if (participant == null) {
      send(error("forbidden", "This token does not open this conversation.", clientMessageId));
      return Behaviors.same();
    }
    if (parsed instanceof ClientFrame.Subscribe subscribe) {
      subscribe(subscribe, participant);
    } else if (parsed instanceof ClientFrame.Send send) {
      sendMessage(send, participant);
    } else if (parsed instanceof ClientFrame.Typing && typing.due(conversationId)) {
      directory.conversation(conversationId).tell(new Conversation.Typing(participant));
    } else if (parsed instanceof ClientFrame.Seen seen) {
      context.askWithStatus(
          Done.class,
          directory.conversation(conversationId),
          askTimeout,
          replyTo -> new Conversation.MarkSeen(participant, seen.seq(), replyTo),
          (done, failure) -> failure == null ? new Reply(null) : new Reply(errorOf(failure, null)));
    }
    return Behaviors.same();
  }

  private void subscribe(ClientFrame.Subscribe subscribe, Participant participant) {
    String conversationId = subscribe.conversationId();
    context.askWithStatus(
        Conversation.View.class,
        directory.conversation(conversationId),
        askTimeout,
        replyTo -> new Conversation.GetView(participant, replyTo),
        (view, failure) -> {
          if (failure != null) {
            return new Reply(errorOf(failure, null));
          }
          if (!participant.isVisitor() && !participant.operatorId().equals(view.operatorId())) {
            return new Reply(
                error("not_your_conversation", "This conversation is not assigned to you.", null));
          }
          feed.followFrom(conversationId, subscribe.afterSeq());
          subscribeAfter(conversationId, subscribe.afterSeq());
          return new Reply(null);
        });
  }

  private void sendMessage(ClientFrame.Send send, Participant participant) {
    long receivedAt = System.nanoTime();
    // answered at once while Cassandra is unavailable, as the REST send is
    context.pipeToSelf(
        CassandraAvailability.get(context.getSystem())
            .guard(
                () ->
                    AskPattern.<Conversation.Command, Conversation.MessageAccepted>askWithStatus(
                        directory.conversation(send.conversationId()),
                        replyTo ->
                            new Conversation.SendMessage(
                                participant, send.text(), send.clientMessageId(), replyTo),
                        askTimeout,
                        context.getSystem().scheduler())),
        (accepted, failure) -> {
          if (failure != null) {
            return new Reply(errorOf(failure, send.clientMessageId()));
          }
          metrics.messages().stored(Duration.ofNanos(System.nanoTime() - receivedAt));
          return new Reply(
              ServerFrames.ack(send.conversationId(), send.clientMessageId(), accepted.seq()));
        });
  }

  // ---------------------------------------------------------------- to the client

  private Behavior<Event> onFromConversation(FromConversation event) {
    Conversation.Update update = event.update();
    if (update instanceof Conversation.MessagePosted posted) {
      feed.onMessagePosted(posted);
    } else if (update instanceof Conversation.SubscriptionEnded gone) {
      // transferred away, or never this caller's: nothing to renew, nothing more to send
      feed.forget(gone.conversationId());
    } else if (update instanceof Conversation.StatusChanged status) {
      feed.onStatus(status);
      send(ServerFrames.conversation(status));
    } else if (update instanceof Conversation.TypingStarted typing && !isSelf(typing.author())) {
      send(ServerFrames.typing(typing));
    }
    return Behaviors.same();
  }

  private Behavior<Event> onFromOperator(FromOperator event) {
    if (event.update() instanceof Operator.ConversationGiven given) {
      context.askWithStatus(
          Conversation.View.class,
          directory.conversation(given.conversationId()),
          askTimeout,
          replyTo -> new Conversation.GetView(participant(given.conversationId()), replyTo),
          (view, failure) ->
              view != null ? new Given(given.conversationId(), view) : new Reply(null));
    } else if (event.update() instanceof Operator.TokensEnded ended
        && caller instanceof Caller.Operator operator
        && operator.tokenVersion() < ended.tokenVersion()) {
      context.getSelf().tell(new TokenRevoked());
    } else if (event.update() instanceof Operator.ChannelsChanged channels) {
      send(ServerFrames.channels(channels));
    }
    return Behaviors.same();
  }

  private Behavior<Event> onRenew(Renew renew) {
    if (caller instanceof Caller.Operator operator) {
      watch(operator);
      // in case the operator's notice of a revocation did not arrive
      context.pipeToSelf(
          auth.stillValid(operator),
          (valid, failure) -> Boolean.FALSE.equals(valid) ? new TokenRevoked() : new Reply(null));
    }
    feed.forEachToRenew(this::subscribeAfter);
    return Behaviors.same();
  }

  private Behavior<Event> onHeldConversations(HeldConversations held) {
    held.profile().conversations().forEach(this::subscribeLive);
    return Behaviors.same();
  }

  /**
   * A new conversation for the operator: tell the client, then send its messages so far. One the
   * session follows already (held when the socket opened, the notice on its way meanwhile) keeps
   * its place: sending its messages again from the first would repeat them.
   */
  private Behavior<Event> onGiven(Given given) {
    send(ServerFrames.assigned(given.view()));
    if (feed.followFromStart(given.conversationId())) {
      subscribeAfter(given.conversationId(), 0);
    }
    return Behaviors.same();
  }

  private Behavior<Event> onReply(Reply reply) {
    if (reply.frame() != null) {
      send(reply.frame());
    }
    return Behaviors.same();
  }

  // ---------------------------------------------------------------- helpers

  private void watch(Caller.Operator operator) {
    directory
        .operator(operator.operatorId())
        .tell(new Operator.Watch(context.messageAdapter(Operator.Update.class, FromOperator::new)));
  }

  /** Live updates only: the client asks for what it missed with a subscribe frame. */
  private void subscribeLive(String conversationId) {
    subscribeAfter(conversationId, Long.MAX_VALUE);
  }

  /** Asks the conversation for every message after {@code afterSeq}, then live updates. */
  private void subscribeAfter(String conversationId, long afterSeq) {
    directory
        .conversation(conversationId)
        .tell(
            new Conversation.Subscribe(afterSeq, participant(conversationId), conversationUpdates));
  }

  private Participant participant(String conversationId) {
    return auth.participantOf(caller, conversationId).orElse(null);
  }

  private boolean isSelf(Conversation.Author author) {
    if (caller instanceof Caller.Operator operator) {
      return operator.operatorId().equals(author.operatorId());
    }
    return author.kind().equals("visitor");
  }

  private static String conversationOf(ClientFrame frame) {
    if (frame instanceof ClientFrame.Subscribe subscribe) {
      return subscribe.conversationId();
    }
    if (frame instanceof ClientFrame.Send send) {
      return send.conversationId();
    }
    if (frame instanceof ClientFrame.Typing typing) {
      return typing.conversationId();
    }
    return ((ClientFrame.Seen) frame).conversationId();
  }

  private Behavior<Event> close(String code, String message) {
    send(error(code, message, null));
    out.take(new Close());
    metrics.sockets().closed(kind());
    return closing(timers);
  }

  /**
   * After the last frame: the session lives on until the connection is gone, since stopping at once
   * would end the socket before that frame is written.
   */
  private static Behavior<Event> closing(TimerScheduler<Event> timers) {
    timers.startSingleTimer("closing", new ClientGone(), CLOSING_GRACE);
    return Behaviors.receive(Event.class)
        .onMessage(ClientGone.class, gone -> Behaviors.stopped())
        .onAnyMessage(ignored -> Behaviors.same())
        .build();
  }

  private void resetIdleTimer() {
    lastFrameNanos = System.nanoTime();
    timers.startSingleTimer("idle", new IdleTimeout(), idleTimeout);
  }

  /**
   * The idle timer is set once and, when it fires, set again for what is left after the last frame:
   * a frame only notes its time, rather than cancelling and setting a timer of its own.
   */
  private Behavior<Event> onIdleTimeout() {
    long left = idleTimeout.toNanos() - (System.nanoTime() - lastFrameNanos);
    if (left > 0) {
      timers.startSingleTimer("idle", new IdleTimeout(), Duration.ofNanos(left));
      return Behaviors.same();
    }
    return close("idle_timeout", "The socket was idle for " + idleTimeout.toSeconds() + " s.");
  }

  private void send(Object frame) {
    window.handed();
    out.take(new Frame(Json.write(frame)));
  }
}
