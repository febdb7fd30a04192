package livechat.engine.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation.Visitor;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.OperatorAssigned;
import livechat.engine.conversation.ConversationEvent.Rated;
import livechat.engine.conversation.ConversationEvent.Transferred;
import org.junit.jupiter.api.Test;

/** The read side's record of a conversation, folded from its events, and the report figures. */
class ReportsTest {

  private static final Instant T0 = Instant.parse("2026-11-10T09:00:00Z");

  @Test
  void aRecordFollowsTheLifecycleAndIgnoresAnEventItAppliedAlready() {
    ConversationRecord opened =
        ConversationRecord.opened(
            "c1", 1, new ConversationOpened("ch", new Visitor("Ann", "en_US", null), T0));
    ConversationRecord assigned =
        opened.after(new OperatorAssigned("op1", "Marc", T0.plusSeconds(1)), 2);
    ConversationRecord transferred =
        assigned.after(new Transferred("op1", "op2", "Anne", T0.plusSeconds(5)), 4);
    ConversationRecord closed =
        transferred.after(
            new Closed(
                "operator:op2",
                T0.plusSeconds(90),
                T0.plusSeconds(10),
                T0.plusSeconds(30),
                2,
                3,
                7L),
            7);
    ConversationRecord rated = closed.after(new Rated(5, null, T0.plusSeconds(95)), 8);

    assertEquals("waiting", opened.status());
    assertEquals("active", assigned.status());
    assertEquals("op2", transferred.operatorId());
    assertSame(rated, rated.after(new Rated(1, null, T0.plusSeconds(99)), 8));
    assertSame(closed, closed.after(new OperatorAssigned("op9", "X", T0), 2));
    assertEquals("closed", rated.status());
    assertEquals(5, rated.rating());
    assertEquals(5, rated.messages());
    assertEquals(20, rated.firstAnswer().toSeconds());
    assertEquals(90, rated.duration().toSeconds());
    assertTrue(rated.answered());
    assertFalse(rated.missed());
  }

  @Test
  void aChannelReportCountsEachFigure() {
    List<ConversationRecord> records =
        List.of(
            closed("a", 20, 90, 1, 3, 5),
            closed("b", 40, 75, 1, 1, 3),
            missed("c", 105, 1),
            open("d"));
    ChannelReport report = Reports.channel(records);
    assertEquals(4, report.conversations());
    assertEquals(2, report.answered());
    assertEquals(1, report.missed());
    assertEquals(7, report.messages());
    assertEquals(new Figures(20.0, 40.0), report.firstAnswerSeconds());
    assertEquals(new Figures(90.0, 105.0), report.durationSeconds());
    assertEquals(Map.of(1, 1, 3, 1, 5, 1), report.ratings());
    assertEquals(0.75, report.ratedShare());
  }

  @Test
  void nothingGivesEmptyFigures() {
    ChannelReport report = Reports.channel(List.of());
    assertEquals(0, report.conversations());
    assertNull(report.firstAnswerSeconds().p50());
    assertNull(report.ratedShare());
  }

  @Test
  void percentilesAreNearestRank() {
    assertEquals(new Figures(3.0, 5.0), Figures.of(List.of(5.0, 1.0, 3.0, 4.0, 2.0)));
    assertEquals(new Figures(7.0, 7.0), Figures.of(List.of(7.0)));
  }

  @Test
  void aCursorRoundTripsAndAnythingElseIsABadRequest() {
    ListCursor cursor = new ListCursor(T0, "0f0e-11");
    assertEquals(cursor, ListCursor.decode(cursor.encode()));
    for (String bad : List.of("", "!!", "bm9jb2xvbg", "MTI6PGI-")) {
      Rejection rejection =
          org.junit.jupiter.api.Assertions.assertThrows(
              Rejection.class, () -> ListCursor.decode(bad));
      assertEquals("invalid_cursor", rejection.code());
    }
  }

  private static ConversationRecord closed(
      String id, int answerSeconds, int durationSeconds, int visitor, int operator, int rating) {
    return new ConversationRecord(
        id,
        9,
        "ch",
        "V",
        "en_US",
        "closed",
        "op",
        "Marc",
        T0,
        T0.plusSeconds(durationSeconds),
        T0.plusSeconds(1),
        T0.plusSeconds(1 + answerSeconds),
        visitor,
        operator,
        9L,
        rating);
  }

  private static ConversationRecord missed(String id, int durationSeconds, int rating) {
    return new ConversationRecord(
        id,
        9,
        "ch",
        "V",
        "en_US",
        "closed",
        "op",
        "Marc",
        T0,
        T0.plusSeconds(durationSeconds),
        T0.plusSeconds(1),
        null,
        1,
        0,
        3L,
        rating);
  }

  private static ConversationRecord open(String id) {
    return new ConversationRecord(
        id, 2, "ch", "V", "en_US", "active", "op", "Marc", T0, null, null, null, null, null, null,
        null);
  }
}
