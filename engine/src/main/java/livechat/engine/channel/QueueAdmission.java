package livechat.engine.channel;

import java.util.List;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel.ConversationOpened;
import livechat.engine.channel.Channel.LeaveQueue;
import livechat.engine.channel.Channel.Start;
import livechat.engine.channel.Channel.StartConversation;
import livechat.engine.channel.ChannelEvent.ConversationLeftQueue;
import livechat.engine.channel.ChannelEvent.ConversationQueued;
import livechat.engine.channel.ChannelState.Open;
import livechat.engine.conversation.Conversation;
import org.apache.pekko.Done;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * Conversations entering and leaving the channel's queue: the visitor numbers handed out, a start
 * offered to a member at once while nobody waits, the conversations opened whose place in the queue
 * is not stored yet (which count against the queue's limit), and a conversation leaving before it
 * is assigned.
 */
final class QueueAdmission {

  private final ChannelEnvironment env;
  private final BatchedWrites writes;
  private final QueueRouting routing;

  /** Conversations opened whose place in the queue is not stored yet. */
  private int unwrittenQueued;

  /**
   * Conversations being opened to wait in the queue: until they are queued, a new start may not
   * overtake them by going to a member at once.
   */
  private int openingForQueue;

  /** Visitor numbers handed out to conversations not yet queued. */
  private int nextVisitorNumber = -1;

  QueueAdmission(ChannelEnvironment env, BatchedWrites writes, QueueRouting routing) {
    this.env = env;
    this.writes = writes;
    this.routing = routing;
  }

  /** After a restart the conversations opened and not stored no longer count. */
  void forget() {
    unwrittenQueued = 0;
    openingForQueue = 0;
  }

  ReplyEffect<ChannelEvent, ChannelState> onStartConversation(
      Open state, StartConversation command) {
    if (state.queue().size() + unwrittenQueued >= env.settings().maxQueueLength()) {
      return env.effects()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.rateLimited(
                      "queue_full",
                      "Too many visitors are waiting in this channel; try again later.")));
    }
    if (nextVisitorNumber < state.nextVisitorNumber()) {
      nextVisitorNumber = state.nextVisitorNumber();
    }
    int visitorNumber = nextVisitorNumber++;
    String visitorName =
        command.visitorName() == null || command.visitorName().isBlank()
            ? "Visitor #" + visitorNumber
            : command.visitorName().trim();
    Start start =
        new Start(
            command.conversationId(),
            visitorNumber,
            new Conversation.Visitor(visitorName, command.language(), command.pageUrl()),
            command.replyTo(),
            env.clock().instant());
    boolean nobodyWaits = state.queue().isEmpty() && unwrittenQueued == 0 && openingForQueue == 0;
    if (!(nobodyWaits && routing.offerAtStart(state, start))) {
      openForQueue(start);
    }
    return env.effects().none().thenNoReply();
  }

  /** Opens the conversation to wait in the queue. */
  void openForQueue(Start start) {
    openingForQueue++;
    env.context()
        .askWithStatus(
            Done.class,
            env.directory().conversation(start.conversationId()),
            env.settings().askTimeout(),
            replyTo -> new Conversation.Open(env.channelId(), start.visitor(), null, null, replyTo),
            (done, failure) -> new ConversationOpened(start, failure));
  }

  /**
   * Queues the new conversation. Its starter hears what became of it after the first routing
   * attempt: assigned, or waiting at its position.
   */
  ReplyEffect<ChannelEvent, ChannelState> onConversationOpened(
      Open state, ConversationOpened opened) {
    openingForQueue = Math.max(0, openingForQueue - 1);
    Start start = opened.start();
    if (opened.failure() != null) {
      return env.effects().reply(start.replyTo(), StatusReply.error(opened.failure()));
    }
    unwrittenQueued++;
    return writes.writeSoon(
        List.of(
            new ConversationQueued(
                start.conversationId(),
                start.visitor().language(),
                start.visitorNumber(),
                env.clock().instant(),
                start.startedAt())),
        queued -> {
          unwrittenQueued--;
          env.observer().conversationStarted(env.channelId());
          env.observer().queueLength(env.channelId(), queued.queue().size());
          routing.awaitStarter(start.conversationId(), start.replyTo());
          env.directory()
              .conversation(start.conversationId())
              .tell(new Conversation.QueuePositionChanged(queued.position(start.conversationId())));
          routing.drainSoon();
        });
  }

  ReplyEffect<ChannelEvent, ChannelState> onLeaveQueue(Open state, LeaveQueue leave) {
    int position = state.position(leave.conversationId());
    if (position == 0) {
      return env.effects().reply(leave.replyTo(), StatusReply.ack());
    }
    return env.effects()
        .persist(new ConversationLeftQueue(leave.conversationId(), env.clock().instant()))
        .thenRun(
            after -> {
              env.observer().queueLength(env.channelId(), ((Open) after).queue().size());
              routing.positionsChanged(position - 1);
            })
        .thenReply(leave.replyTo(), after -> StatusReply.ack());
  }
}
