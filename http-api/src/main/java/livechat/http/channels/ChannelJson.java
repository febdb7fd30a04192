package livechat.http.channels;

import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator;
import livechat.http.InvalidRequest;

/** The JSON of the channel routes. */
public final class ChannelJson {

  private ChannelJson() {}

  public record CreateRequest(String name) {
    public CreateRequest {
      if (name == null) {
        throw InvalidRequest.missingField("name");
      }
    }
  }

  public record Created(String id, String name) {}

  /** A card of the channels overview: {@code operators} joined, {@code waiting} queued. */
  public record Card(String id, String name, int operators, int waiting, boolean joined) {
    static Card of(Channel.Summary summary, boolean joined) {
      return new Card(
          summary.id(), summary.name(), summary.members().size(), summary.waiting(), joined);
    }
  }

  /** {@code GET /api/channels/{id}/status}: whether a visitor would be answered now. */
  public record Status(String id, String name, boolean available, int waiting) {
    static Status of(Channel.Summary summary) {
      return new Status(summary.id(), summary.name(), summary.available(), summary.waiting());
    }
  }

  /** An operator of {@code GET /api/channels/{id}/operators}. */
  public record Member(
      String id, String displayName, String status, int activeConversations, int capacity) {
    static Member of(Operator.Profile profile) {
      return new Member(
          profile.id(),
          profile.displayName(),
          profile.online() ? "online" : "offline",
          profile.conversations().size(),
          profile.capacity());
    }
  }

  /** {@code POST /api/channels/{id}/conversations}; both fields are optional. */
  public record StartRequest(String visitorName, String pageUrl) {
    public StartRequest {
      if (visitorName != null && visitorName.length() > 100) {
        throw new InvalidRequest(
            "invalid_field", "Field 'visitorName' holds at most 100 characters.");
      }
      if (pageUrl != null && pageUrl.length() > 2048) {
        throw new InvalidRequest("invalid_field", "Field 'pageUrl' holds at most 2048 characters.");
      }
    }
  }

  public record OperatorName(String displayName) {}

  public record Started(
      String conversationId,
      String visitorToken,
      String status,
      OperatorName operator,
      Integer queuePosition) {}
}
