package livechat.engine.conversation;

import java.time.Instant;
import livechat.engine.CborSerializable;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.Visitor;

/**
 * What a conversation stores: one of these per change, in its journal. The lifecycle events
 * (opened, assigned, transferred, closed, rated) carry the tag {@link #LIFECYCLE_TAG}, from which
 * the read side builds its lists and reports and webhooks are delivered; messages carry it only
 * while a webhook asks for them ({@link MessageTags}), and seen pointers never, so that the message
 * path writes nothing more unless it must.
 */
public sealed interface ConversationEvent extends CborSerializable {

  String LIFECYCLE_TAG = "conversation-lifecycle";

  /** Whether the event is one of the lifecycle events the read side follows. */
  static boolean isLifecycle(ConversationEvent event) {
    return event instanceof ConversationOpened
        || event instanceof OperatorAssigned
        || event instanceof Transferred
        || event instanceof Closed
        || event instanceof Rated;
  }

  record ConversationOpened(String channelId, Visitor visitor, Instant at)
      implements ConversationEvent {}

  record OperatorAssigned(String operatorId, String displayName, Instant at)
      implements ConversationEvent {}

  record OperatorRenamed(String displayName) implements ConversationEvent {}

  record MessageAdded(Message message) implements ConversationEvent {}

  record SeenMoved(String participant, long seq) implements ConversationEvent {}

  /**
   * What the read side needs of the messages is counted here, when the conversation closes: the
   * time of the visitor's first message, of the first operator message after it, and how many
   * messages each side wrote. Null in events stored before they were counted.
   */
  record Closed(
      String by,
      Instant at,
      Instant firstVisitorMessageAt,
      Instant firstAnswerAt,
      Integer visitorMessages,
      Integer operatorMessages,
      Long lastSeq)
      implements ConversationEvent {}

  record Transferred(String fromOperatorId, String toOperatorId, String displayName, Instant at)
      implements ConversationEvent {}

  record Rated(int value, String comment, Instant at) implements ConversationEvent {}
}
