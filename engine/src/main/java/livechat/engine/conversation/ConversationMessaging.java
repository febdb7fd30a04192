package livechat.engine.conversation;

import static livechat.engine.conversation.Conversation.MAX_PAGE;
import static livechat.engine.conversation.Conversation.MAX_REPLY_CHARS;
import static livechat.engine.conversation.Conversation.MAX_TEXT_LENGTH;
import static livechat.engine.conversation.Participation.closed;
import static livechat.engine.conversation.Participation.mayRead;
import static livechat.engine.conversation.Participation.mayTakePart;

import java.time.Instant;
import java.util.List;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation.Author;
import livechat.engine.conversation.Conversation.GetMessages;
import livechat.engine.conversation.Conversation.GetView;
import livechat.engine.conversation.Conversation.MarkSeen;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.MessageAccepted;
import livechat.engine.conversation.Conversation.MessagePosted;
import livechat.engine.conversation.Conversation.Messages;
import livechat.engine.conversation.Conversation.SendMessage;
import livechat.engine.conversation.Conversation.Subscribe;
import livechat.engine.conversation.Conversation.SubscriptionEnded;
import livechat.engine.conversation.Conversation.Typing;
import livechat.engine.conversation.Conversation.TypingStarted;
import livechat.engine.conversation.Conversation.Update;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationEvent.SeenMoved;
import livechat.engine.conversation.ConversationState.Opened;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The messages of a conversation: sending them (once per client message id, visitors within {@code
 * visitor-messages-per-minute}), marking them seen, typing notices, reading them back as a view or
 * a page of history, and the subscribers who hear them as they come.
 */
final class ConversationMessaging {

  private final ConversationEnvironment env;
  private final Subscribers subscribers;
  private final VisitorPresence visitorPresence;
  private final ConversationViews views;
  private final VisitorSendRate visitorSends;

  ConversationMessaging(
      ConversationEnvironment env,
      Subscribers subscribers,
      VisitorPresence visitorPresence,
      ConversationViews views) {
    this.env = env;
    this.subscribers = subscribers;
    this.visitorPresence = visitorPresence;
    this.views = views;
    this.visitorSends = new VisitorSendRate(env.settings().visitorMessagesPerMinute());
  }

  ReplyEffect<ConversationEvent, ConversationState> onSendMessage(Opened state, SendMessage send) {
    visitorPresence.note(send.from());
    Rejection problem = mayTakePart(state, send.from());
    if (problem == null && state.isClosed()) {
      problem = closed();
    }
    String text = send.text() == null ? "" : send.text().strip();
    if (problem == null && (text.isEmpty() || text.length() > MAX_TEXT_LENGTH)) {
      problem =
          Rejection.invalid(
              "invalid_text",
              "A message holds 1 to " + MAX_TEXT_LENGTH + " characters after trimming.");
    }
    if (problem != null) {
      return env.effects().reply(send.replyTo(), StatusReply.error(problem));
    }
    Long earlier =
        send.clientMessageId() == null ? null : state.seqOfClientMessage(send.clientMessageId());
    if (earlier != null) {
      return env.effects()
          .reply(send.replyTo(), StatusReply.success(new MessageAccepted(earlier, true)));
    }
    Instant now = env.clock().instant();
    if (send.from().isVisitor() && !visitorSends.tryAcquire(now)) {
      return env.effects()
          .reply(
              send.replyTo(),
              StatusReply.error(
                  Rejection.rateLimited(
                      "rate_limited",
                      "You are sending messages too fast; wait a moment and send again.")));
    }
    Author author =
        send.from().isVisitor()
            ? new Author("visitor", null, state.visitor().name())
            : new Author("operator", send.from().operatorId(), state.operatorDisplayName());
    Message message = new Message(state.lastSeq() + 1, author, text, now, send.clientMessageId());
    return env.effects()
        .persist(new MessageAdded(message))
        .thenRun(after -> subscribers.publish(new MessagePosted(env.conversationId(), message)))
        .thenReply(
            send.replyTo(),
            after -> StatusReply.success(new MessageAccepted(message.seq(), false)));
  }

  ReplyEffect<ConversationEvent, ConversationState> onMarkSeen(Opened state, MarkSeen mark) {
    visitorPresence.note(mark.by());
    Rejection problem = mayTakePart(state, mark.by());
    if (problem == null && (mark.seq() < 0 || mark.seq() > state.lastSeq())) {
      problem =
          Rejection.invalid(
              "invalid_seq",
              "seq must be between 0 and " + state.lastSeq() + ", the last message.");
    }
    if (problem != null) {
      return env.effects().reply(mark.replyTo(), StatusReply.error(problem));
    }
    if (mark.seq() <= state.seen().getOrDefault(mark.by().key(), 0L)) {
      return env.effects().reply(mark.replyTo(), StatusReply.ack());
    }
    return env.effects()
        .persist(new SeenMoved(mark.by().key(), mark.seq()))
        .thenReply(mark.replyTo(), after -> StatusReply.ack());
  }

  ReplyEffect<ConversationEvent, ConversationState> onTyping(Opened state, Typing typing) {
    if (mayTakePart(state, typing.by()) == null && !state.isClosed()) {
      Author author =
          typing.by().isVisitor()
              ? new Author("visitor", null, state.visitor().name())
              : new Author("operator", typing.by().operatorId(), state.operatorDisplayName());
      subscribers.publish(new TypingStarted(env.conversationId(), author));
    }
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<ConversationEvent, ConversationState> onSubscribe(Opened state, Subscribe subscribe) {
    ActorRef<Update> subscriber = subscribe.subscriber();
    if (!mayRead(state, subscribe.by())) {
      subscriber.tell(new SubscriptionEnded(env.conversationId()));
      return unsubscribe(subscriber);
    }
    // older messages are the subscriber's to read from the journal: it learns lastSeq below
    if (state.holdsEverythingAfter(subscribe.afterSeq())) {
      for (Message message : state.recent()) {
        if (message.seq() > subscribe.afterSeq()) {
          subscriber.tell(new MessagePosted(env.conversationId(), message));
        }
      }
    }
    subscriber.tell(views.statusOf(state));
    subscribers.add(subscriber, subscribe.by());
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<ConversationEvent, ConversationState> unsubscribe(ActorRef<Update> subscriber) {
    subscribers.remove(subscriber);
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<ConversationEvent, ConversationState> onGetView(Opened state, GetView get) {
    visitorPresence.note(get.viewer());
    return env.effects().reply(get.replyTo(), StatusReply.success(views.view(state, get.viewer())));
  }

  ReplyEffect<ConversationEvent, ConversationState> onGetMessages(Opened state, GetMessages get) {
    long afterSeq = Math.max(0, get.afterSeq());
    Messages page =
        state.holdsEverythingAfter(afterSeq)
            ? new Messages(
                state.recentAfter(
                    afterSeq, Math.max(1, Math.min(get.limit(), MAX_PAGE)), MAX_REPLY_CHARS),
                state.lastSeq(),
                0)
            : new Messages(List.of(), state.lastSeq(), state.journalPositionAfter(afterSeq));
    return env.effects().reply(get.replyTo(), StatusReply.success(page));
  }
}
