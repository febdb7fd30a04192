package livechat.engine.conversation;

import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.Conversation.StatusChanged;
import livechat.engine.conversation.Conversation.View;
import livechat.engine.conversation.ConversationState.Opened;

/**
 * What a conversation shows of itself: the {@link View} a participant reads and the {@link
 * StatusChanged} its subscribers hear, with the queue position its channel last told it while it
 * waits (kept in memory only).
 */
final class ConversationViews {

  private final String conversationId;
  private final Subscribers subscribers;

  private Integer queuePosition;

  ConversationViews(String conversationId, Subscribers subscribers) {
    this.conversationId = conversationId;
    this.subscribers = subscribers;
  }

  /** The position in its channel's queue; null once it no longer waits. */
  void queuePosition(Integer position) {
    queuePosition = position;
  }

  void publishStatus(Opened state) {
    subscribers.publish(statusOf(state));
  }

  StatusChanged statusOf(Opened state) {
    return new StatusChanged(
        conversationId,
        state.status(),
        state.operatorDisplayName(),
        queuePosition,
        state.lastSeq(),
        state.rating(),
        state.ratingComment());
  }

  View view(Opened state, Participant viewer) {
    return new View(
        conversationId,
        state.channelId(),
        state.status(),
        state.visitor(),
        state.operatorId(),
        state.operatorDisplayName(),
        state.lastSeq(),
        state.isWaiting() ? queuePosition : null,
        state.lastMessage(),
        state.unread(viewer == null ? null : viewer.key()),
        state.seen(),
        state.rating(),
        state.ratingComment(),
        state.lastActivityAt());
  }
}
