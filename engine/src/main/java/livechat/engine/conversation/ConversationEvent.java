package livechat.engine.conversation;

import java.time.Instant;
import livechat.engine.CborSerializable;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.Visitor;

/** What a conversation stores: one of these per change, in its journal. */
public sealed interface ConversationEvent extends CborSerializable {

  record ConversationOpened(String channelId, Visitor visitor, Instant at)
      implements ConversationEvent {}

  record OperatorAssigned(String operatorId, String displayName, Instant at)
      implements ConversationEvent {}

  record OperatorRenamed(String displayName) implements ConversationEvent {}

  record MessageAdded(Message message) implements ConversationEvent {}

  record SeenMoved(String participant, long seq) implements ConversationEvent {}

  record Closed(String by, Instant at) implements ConversationEvent {}

  record Transferred(String fromOperatorId, String toOperatorId, String displayName, Instant at)
      implements ConversationEvent {}

  record Rated(int value, String comment, Instant at) implements ConversationEvent {}
}
