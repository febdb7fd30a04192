package livechat.readside;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import livechat.engine.conversation.Conversation.Visitor;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A conversation quiet for longer than the tag query remembers it ({@code
 * events-by-tag.cleanup-old-persistence-ids}) is still followed: its next lifecycle event, the
 * first the query sees of it since it forgot it, reaches the read side.
 */
class ForgottenConversationTest {

  private static final Duration FORGET_AFTER = Duration.ofSeconds(4);

  private static final Set<String> LIFECYCLE = Set.of(ConversationEvent.LIFECYCLE_TAG);

  private static ActorTestKit testKit;

  @BeforeAll
  static void start() {
    testKit =
        ActorTestKit.create(
            "forgotten",
            ConfigFactory.parseString(
                    """
pekko.persistence.cassandra.events-by-tag {
  cleanup-old-persistence-ids = %dms
  # back-tracks far shorter than what the query remembers, as in the node's settings,
  # so that none finds the opening again once the query has moved on and forgotten it
  back-track.period = %dms
  back-track.long-period = %dms
}
"""
                        .formatted(
                            FORGET_AFTER.toMillis(),
                            FORGET_AFTER.toMillis() / 4,
                            FORGET_AFTER.toMillis() / 4))
                .withFallback(OneNodeCluster.config())
                .withFallback(TestCassandra.config("read_side_forgotten")));
    OneNodeCluster.join(testKit.system());
  }

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aConversationsEventAfterTheTagQueryForgotItReachesTheReadSide() {
    CassandraReadSide readSide = CassandraReadSide.start(testKit.system());
    String quiet = UUID.randomUUID().toString();
    String other = UUID.randomUUID().toString();

    open(quiet);
    awaitStatus(readSide, quiet, "waiting");
    // another conversation's opening moves the query on, past where its back-tracks would find
    // the quiet one's opening again; as on a node where conversations keep starting
    LockSupport.parkNanos(FORGET_AFTER.dividedBy(2).toNanos());
    open(other);
    awaitStatus(readSide, other, "waiting");
    // the query forgets an id on a timer of that period once its last event is older than it:
    // only time passing makes it forget, so the test lets three periods pass
    LockSupport.parkNanos(FORGET_AFTER.multipliedBy(3).toNanos());

    JournalWriter.write(
        testKit,
        PersistenceId.of("Conversation", quiet),
        LIFECYCLE,
        new Closed("operator", Instant.now(), null, null, 0, 0, 0L));
    awaitStatus(readSide, quiet, "closed");
  }

  private static void open(String conversationId) {
    JournalWriter.write(
        testKit,
        PersistenceId.of("Conversation", conversationId),
        LIFECYCLE,
        new ConversationOpened("website", new Visitor("Eve", "en", null), Instant.now()));
  }

  private static void awaitStatus(CassandraReadSide readSide, String id, String status) {
    testKit
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(60),
            () -> {
              assertEquals(
                  status,
                  readSide
                      .tables()
                      .find(id)
                      .toCompletableFuture()
                      .join()
                      .map(record -> record.status())
                      .orElse("absent"));
              return null;
            });
  }
}
