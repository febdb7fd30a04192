package livechat.engine.conversation;

import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.ConversationState.Opened;

/** Who may read and take part in a conversation, and the rejections that say who may not. */
final class Participation {

  private Participation() {}

  /** The visitor always takes part; an operator only while it is the conversation's operator. */
  static Rejection mayTakePart(Opened state, Participant participant) {
    if (participant.isVisitor() || participant.operatorId().equals(state.operatorId())) {
      return null;
    }
    return Rejection.forbidden(
        "not_your_conversation", "This conversation is not assigned to you.");
  }

  /** Its visitor, and the operator it is assigned to, read a conversation. */
  static boolean mayRead(Opened state, Participant reader) {
    return reader.isVisitor() || reader.operatorId().equals(state.operatorId());
  }

  static Rejection closed() {
    return Rejection.conflict("conversation_closed", "The conversation is closed.");
  }
}
