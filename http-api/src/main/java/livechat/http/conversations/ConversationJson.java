package livechat.http.conversations;

import java.time.Instant;
import livechat.engine.conversation.Conversation;
import livechat.http.InvalidRequest;

/** The JSON of the conversation routes. */
public final class ConversationJson {

  private ConversationJson() {}

  public record VisitorJson(String name, String language) {}

  public record OperatorName(String displayName) {}

  public record View(
      String id,
      String channelId,
      String status,
      VisitorJson visitor,
      OperatorName operator,
      long lastSeq,
      Integer queuePosition,
      RatingJson rating) {

    public static View of(Conversation.View view) {
      return new View(
          view.id(),
          view.channelId(),
          view.status(),
          new VisitorJson(view.visitor().name(), view.visitor().language()),
          view.operatorDisplayName() == null ? null : new OperatorName(view.operatorDisplayName()),
          view.lastSeq(),
          view.queuePosition(),
          RatingJson.of(view.rating(), view.ratingComment()));
    }
  }

  /** The visitor's rating of a conversation: 1, 3 or 5, and an optional comment. */
  public record RatingJson(int value, String comment) {
    public static RatingJson of(Integer value, String comment) {
      return value == null ? null : new RatingJson(value, comment);
    }
  }

  public record Author(String kind, String displayName) {}

  public record Message(long seq, Author author, String text, Instant at, String clientMessageId) {

    public static Message of(Conversation.Message message) {
      return new Message(
          message.seq(),
          new Author(message.author().kind(), message.author().displayName()),
          message.text(),
          message.at(),
          message.clientMessageId());
    }
  }

  public record Messages(java.util.List<Message> messages) {}

  public record LastMessage(long seq, String text, Instant at) {}

  /** A line of the operator's inbox, the LIVECHAT list. */
  public record InboxEntry(
      String id,
      String channelId,
      String visitorName,
      String status,
      int unread,
      LastMessage lastMessage) {

    public static InboxEntry of(Conversation.View view) {
      Conversation.Message last = view.lastMessage();
      return new InboxEntry(
          view.id(),
          view.channelId(),
          view.visitor().name(),
          view.status(),
          view.unread(),
          last == null ? null : new LastMessage(last.seq(), last.text(), last.at()));
    }
  }

  public record SendRequest(String text, String clientMessageId) {
    public SendRequest {
      if (text == null) {
        throw InvalidRequest.missingField("text");
      }
      if (clientMessageId == null) {
        throw InvalidRequest.missingField("clientMessageId");
      }
      if (clientMessageId.isBlank() || clientMessageId.length() > 100) {
        throw new InvalidRequest(
            "invalid_field", "Field 'clientMessageId' holds 1 to 100 characters.");
      }
    }
  }

  public record Sent(long seq) {}

  public record SeenRequest(Long seq) {
    public SeenRequest {
      if (seq == null) {
        throw InvalidRequest.missingField("seq");
      }
    }
  }

  public record RatingRequest(Integer value, String comment) {
    public RatingRequest {
      if (value == null) {
        throw InvalidRequest.missingField("value");
      }
      if (comment != null && comment.length() > 4000) {
        throw new InvalidRequest("invalid_field", "Field 'comment' holds at most 4000 characters.");
      }
    }
  }

  public record TransferRequest(String operatorId) {
    public TransferRequest {
      if (operatorId == null) {
        throw InvalidRequest.missingField("operatorId");
      }
    }
  }
}
