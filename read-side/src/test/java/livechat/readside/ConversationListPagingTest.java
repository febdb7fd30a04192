package livechat.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import livechat.engine.reports.ConversationFilter;
import livechat.engine.reports.ConversationPage;
import livechat.engine.reports.ConversationRecord;
import livechat.engine.reports.ListCursor;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ten thousand conversations in the read side's tables, paged through: each comes once, most recent
 * first, and a page deep in the list costs what the first one does, as does a page of a list a
 * tenth the size. Prints the times (BENCHMARKS.md).
 */
class ConversationListPagingTest {

  private static final int TOTAL = 10_000;
  private static final int SMALL_CHANNEL_EVERY = 10;
  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private static ActorTestKit testKit;
  private static CassandraReadSide readSide;
  private static final List<String> ids = new ArrayList<>();

  @BeforeAll
  static void fill() throws Exception {
    testKit =
        ActorTestKit.create(
            "paging",
            OneNodeCluster.config().withFallback(TestCassandra.config("read_side_paging")));
    OneNodeCluster.join(testKit.system());
    readSide = CassandraReadSide.start(testKit.system());
    // ten days of a thousand conversations, one every 86.4 s; every tenth in a small channel
    List<ConversationRecord> records =
        IntStream.range(0, TOTAL)
            .mapToObj(
                i ->
                    record(
                        i,
                        T0.plusMillis(86_400L * i),
                        i % SMALL_CHANNEL_EVERY == 0 ? "small" : "large",
                        i % 7 == 0 ? "closed" : "waiting"))
            .toList();
    records.forEach(record -> ids.add(record.conversationId()));
    long started = System.nanoTime();
    Source.from(records)
        .mapAsyncUnordered(16, record -> readSide.tables().save(null, record))
        .runWith(Sink.ignore(), testKit.system())
        .toCompletableFuture()
        .get(10, TimeUnit.MINUTES);
    System.out.printf(
        Locale.ROOT,
        "read side: wrote %,d conversations in %.1f s%n",
        TOTAL,
        (System.nanoTime() - started) / 1e9);
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void tenThousandConversationsPageThroughOnceEachInTimeThatDoesNotGrow() throws Exception {
    ConversationFilter all = new ConversationFilter(null, null, null, null, null);
    List<String> seen = new ArrayList<>();
    List<Long> micros = new ArrayList<>();
    ListCursor cursor = null;
    do {
      long started = System.nanoTime();
      ConversationPage page = page(all, cursor, 50);
      micros.add((System.nanoTime() - started) / 1000);
      page.conversations().forEach(c -> seen.add(c.conversationId()));
      cursor = page.next();
    } while (cursor != null);
    List<String> expected = new ArrayList<>(ids);
    java.util.Collections.reverse(expected);
    assertEquals(TOTAL, seen.size());
    assertEquals(TOTAL, new HashSet<>(seen).size());
    assertEquals(expected, seen);

    List<Long> small = new ArrayList<>();
    ConversationFilter smallChannel = new ConversationFilter(null, "small", null, null, null);
    cursor = null;
    int smallCount = 0;
    do {
      long started = System.nanoTime();
      ConversationPage page = page(smallChannel, cursor, 50);
      small.add((System.nanoTime() - started) / 1000);
      smallCount += page.conversations().size();
      cursor = page.next();
    } while (cursor != null);
    assertEquals(TOTAL / SMALL_CHANNEL_EVERY, smallCount);

    System.out.printf(
        Locale.ROOT,
        "read side paging, 50 a page: %,d conversations, %d pages: first 20 pages median %.2f ms,"
            + " last 20 pages median %.2f ms; a channel of %,d: median %.2f ms%n",
        TOTAL,
        micros.size(),
        median(micros.subList(0, 20)) / 1000.0,
        median(micros.subList(micros.size() - 20, micros.size())) / 1000.0,
        smallCount,
        median(small) / 1000.0);
  }

  @Test
  void aFilteredPageStopsAfterTheRowsItMayReadAndGoesOnFromThere() throws Exception {
    ConversationFilter closed = new ConversationFilter("closed", null, null, null, null);
    List<String> found = new ArrayList<>();
    ListCursor cursor = null;
    List<Long> micros = new ArrayList<>();
    do {
      long started = System.nanoTime();
      ConversationPage page = page(closed, cursor, 100);
      micros.add((System.nanoTime() - started) / 1000);
      page.conversations().forEach(c -> found.add(c.conversationId()));
      cursor = page.next();
    } while (cursor != null);
    long expected = IntStream.range(0, TOTAL).filter(i -> i % 7 == 0).count();
    assertEquals(expected, found.size());
    assertEquals(expected, new HashSet<>(found).size());
    System.out.printf(
        Locale.ROOT,
        "read side paging, status=closed (1 in 7), 100 a page: %d pages, median %.2f ms%n",
        micros.size(),
        median(micros) / 1000.0);
  }

  @Test
  void aPeriodEndsTheList() throws Exception {
    Instant from = T0.plus(Duration.ofDays(3));
    Instant to = T0.plus(Duration.ofDays(4));
    ConversationPage page = page(new ConversationFilter(null, null, null, from, to), null, 200);
    assertEquals(200, page.conversations().size());
    // one day: conversations 3000 to 3999, most recent first
    assertEquals(ids.get(3999), page.conversations().get(0).conversationId());
    List<String> day = new ArrayList<>();
    ListCursor cursor = null;
    do {
      ConversationPage next = page(new ConversationFilter(null, null, null, from, to), cursor, 200);
      next.conversations().forEach(c -> day.add(c.conversationId()));
      cursor = next.next();
    } while (cursor != null);
    assertEquals(1000, day.size());
    assertEquals(ids.get(3000), day.get(day.size() - 1));
    assertNull(page(new ConversationFilter(null, null, null, from, to), null, 2000).next());
  }

  private static ConversationPage page(ConversationFilter filter, ListCursor after, int limit)
      throws Exception {
    return readSide
        .conversations(filter, after, limit)
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static double median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    java.util.Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static ConversationRecord record(
      int i, Instant startedAt, String channel, String status) {
    String id =
        String.format(
            Locale.ROOT, "%08d-0000-4000-8000-%s", i, UUID.randomUUID().toString().substring(24));
    return new ConversationRecord(
        id,
        1,
        channel,
        "Visitor " + i,
        "en_US",
        status,
        null,
        null,
        startedAt,
        null,
        null,
        null,
        null,
        null,
        null,
        null);
  }
}
