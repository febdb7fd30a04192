package livechat.http.websocket;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import livechat.http.Json;
import livechat.http.conversations.ConversationJson;

/** The frames a session sends its client, as API.md describes them. */
final class ServerFrames {

  private ServerFrames() {}

  /**
   * A message as its frame: the fields of {@link ConversationJson.Message}, then the conversation
   * and the frame's type, written at once rather than through a tree.
   */
  record MessageFrame(
      long seq,
      ConversationJson.Author author,
      String text,
      Instant at,
      String clientMessageId,
      String conversationId,
      String type) {}

  static MessageFrame message(String conversationId, Conversation.Message message) {
    ConversationJson.Message json = ConversationJson.Message.of(message);
    return new MessageFrame(
        json.seq(),
        json.author(),
        json.text(),
        json.at(),
        json.clientMessageId(),
        conversationId,
        "message");
  }

  static ObjectNode ack(String conversationId, String clientMessageId, long seq) {
    ObjectNode ack = frame("ack");
    ack.put("conversationId", conversationId);
    ack.put("clientMessageId", clientMessageId);
    ack.put("seq", seq);
    return ack;
  }

  static ObjectNode pong() {
    return frame("pong");
  }

  static ObjectNode conversation(Conversation.StatusChanged status) {
    ObjectNode frame = frame("conversation");
    frame.put("conversationId", status.conversationId());
    frame.put("status", status.status());
    frame.set(
        "operator",
        status.operatorDisplayName() == null
            ? null
            : Json.tree(new ConversationJson.OperatorName(status.operatorDisplayName())));
    frame.set("queuePosition", Json.tree(status.queuePosition()));
    frame.set(
        "rating",
        Json.tree(ConversationJson.RatingJson.of(status.rating(), status.ratingComment())));
    return frame;
  }

  static ObjectNode typing(Conversation.TypingStarted typing) {
    ObjectNode frame = frame("typing");
    frame.put("conversationId", typing.conversationId());
    frame.set(
        "author",
        Json.tree(
            new ConversationJson.Author(typing.author().kind(), typing.author().displayName())));
    return frame;
  }

  static ObjectNode channels(Operator.ChannelsChanged channels) {
    ObjectNode frame = frame("channels");
    frame.set("channels", Json.tree(channels.channels()));
    frame.put("reason", channels.reason());
    return frame;
  }

  static ObjectNode assigned(Conversation.View view) {
    ObjectNode frame = frame("assigned");
    frame.set("conversation", Json.tree(ConversationJson.InboxEntry.of(view)));
    return frame;
  }

  /** The error a failed ask becomes: its rejection, or {@code unavailable} when it timed out. */
  static ObjectNode errorOf(Throwable failure, String clientMessageId) {
    if (failure instanceof Rejection rejection) {
      return error(rejection.code(), rejection.reason(), clientMessageId);
    }
    return error("unavailable", "The service did not answer in time; try again.", clientMessageId);
  }

  static ObjectNode error(String code, String message, String clientMessageId) {
    ObjectNode frame = frame("error");
    frame.put("code", code);
    frame.put("message", message);
    if (clientMessageId != null) {
      frame.put("clientMessageId", clientMessageId);
    }
    return frame;
  }

  private static ObjectNode frame(String type) {
    ObjectNode frame = Json.object();
    frame.put("type", type);
    return frame;
  }
}
