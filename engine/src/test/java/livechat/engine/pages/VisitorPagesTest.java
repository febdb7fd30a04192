package livechat.engine.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import livechat.engine.ManualClock;
import livechat.engine.Rejection;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class VisitorPagesTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config());

  private final ManualClock clock = new ManualClock(Instant.parse("2026-01-05T10:00:00Z"));

  private final EventSourcedBehaviorTestKit<
          VisitorPages.Command, VisitorPages.Event, VisitorPages.State>
      pages =
          EventSourcedBehaviorTestKit.create(
              testKit.system(),
              VisitorPages.create("conversation-1", new PagesSettings(3, 2), clock));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void onlyTheMostRecentPagesAreKeptAndReadMostRecentFirst() {
    for (int page = 1; page <= 4; page++) {
      clock.advance(Duration.ofMinutes(1));
      record("https://shop.example.com/" + page);
    }

    var read = pages.<StatusReply<VisitorPages.Pages>>runCommand(VisitorPages.GetPages::new);

    assertEquals(
        List.of(
            "https://shop.example.com/4",
            "https://shop.example.com/3",
            "https://shop.example.com/2"),
        read.reply().getValue().pages().stream().map(VisitorPages.Page::url).toList());
    assertEquals(clock.instant(), read.reply().getValue().pages().get(0).at());
    assertTrue(read.hasNoEvents());
  }

  @Test
  void reportsOverTheLimitOfAMinuteAreRefusedUntilTheMinutePasses() {
    assertTrue(record("https://shop.example.com/a").isSuccess());
    assertTrue(record("https://shop.example.com/b").isSuccess());

    var refused =
        pages.<StatusReply<Done>>runCommand(
            replyTo -> new VisitorPages.RecordPage("https://shop.example.com/c", null, replyTo));
    assertTrue(refused.hasNoEvents());
    assertEquals(Rejection.Kind.RATE_LIMITED, ((Rejection) refused.reply().getError()).kind());

    clock.advance(Duration.ofSeconds(61));
    assertTrue(record("https://shop.example.com/c").isSuccess());
  }

  private StatusReply<Done> record(String url) {
    return pages
        .<StatusReply<Done>>runCommand(
            replyTo -> new VisitorPages.RecordPage(url, "A page", replyTo))
        .reply();
  }
}
