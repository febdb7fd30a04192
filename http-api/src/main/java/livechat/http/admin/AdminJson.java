package livechat.http.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import livechat.engine.reports.ChannelReport;
import livechat.engine.reports.ConversationRecord;
import livechat.engine.reports.Figures;
import livechat.engine.reports.OperatorReport;
import livechat.http.conversations.ConversationJson;
import livechat.http.conversations.ConversationJson.OperatorName;
import livechat.http.conversations.ConversationJson.VisitorJson;
import livechat.http.operators.OperatorJson;

/** The JSON of the admin lists, transcripts and reports. */
public final class AdminJson {

  private AdminJson() {}

  /**
   * A conversation of a list, as the read side knows it: the fields of a conversation, plus when it
   * started and closed, its operator's id and the visitor's rating. {@code lastSeq} is the last
   * message when it closed (0 while it is open: the list does not follow messages).
   */
  public record ListedConversation(
      String id,
      String channelId,
      String status,
      VisitorJson visitor,
      OperatorName operator,
      String operatorId,
      long lastSeq,
      Integer queuePosition,
      Instant startedAt,
      Instant closedAt,
      Integer rating) {

    public static ListedConversation of(ConversationRecord r) {
      return new ListedConversation(
          r.conversationId(),
          r.channelId(),
          r.status(),
          new VisitorJson(r.visitorName(), r.visitorLanguage()),
          r.operatorDisplayName() == null ? null : new OperatorName(r.operatorDisplayName()),
          r.operatorId(),
          r.lastSeq() == null ? 0 : r.lastSeq(),
          null,
          r.startedAt(),
          r.closedAt(),
          r.rating());
    }
  }

  public record Conversations(List<ListedConversation> conversations, String next) {}

  public record Operators(List<OperatorJson.Profile> operators, String next) {}

  /** A conversation with every message. */
  public record Transcript(
      String id,
      String channelId,
      String status,
      VisitorJson visitor,
      OperatorName operator,
      long lastSeq,
      Integer queuePosition,
      ConversationJson.RatingJson rating,
      List<ConversationJson.Message> messages) {

    public static Transcript of(
        ConversationJson.View view, List<ConversationJson.Message> messages) {
      return new Transcript(
          view.id(),
          view.channelId(),
          view.status(),
          view.visitor(),
          view.operator(),
          view.lastSeq(),
          view.queuePosition(),
          view.rating(),
          messages);
    }
  }

  public record Percentiles(Double p50, Double p90) {
    public static Percentiles of(Figures figures) {
      return new Percentiles(figures.p50(), figures.p90());
    }
  }

  public record ChannelReportJson(
      int conversations,
      int answered,
      int missed,
      long messages,
      Percentiles firstAnswerSeconds,
      Percentiles durationSeconds,
      Map<Integer, Integer> ratings,
      Double ratedShare) {

    public static ChannelReportJson of(ChannelReport r) {
      return new ChannelReportJson(
          r.conversations(),
          r.answered(),
          r.missed(),
          r.messages(),
          Percentiles.of(r.firstAnswerSeconds()),
          Percentiles.of(r.durationSeconds()),
          r.ratings(),
          r.ratedShare());
    }
  }

  public record OperatorReportJson(
      String operatorId,
      String displayName,
      int conversations,
      long messages,
      Percentiles firstAnswerSeconds,
      Map<Integer, Integer> ratings) {

    public static OperatorReportJson of(OperatorReport r) {
      return new OperatorReportJson(
          r.operatorId(),
          r.displayName(),
          r.conversations(),
          r.messages(),
          Percentiles.of(r.firstAnswerSeconds()),
          r.ratings());
    }
  }
}
