package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

/**
 * The inactivity rule across a restart: time is measured from the persisted last activity, and a
 * fresh actor system on the real Cassandra disconnects an operator whose time ran out while nothing
 * was running.
 */
class InactivityAcrossRestartTest {

  private static final String KEYSPACE = "inactivity_restart";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final String channel = "website-" + UUID.randomUUID();
  private final String operator = "anne-" + UUID.randomUUID();

  @Test
  void anOperatorIdleThroughARestartAtMinute31HasLeftItsChannels() {
    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      node.createChannel(channel, "Website");
      node.registerOperator(operator, "Anne", "en_US", 5);
      node.join(operator, channel);
      assertEquals(List.of(operator), node.summary(channel).members());
    }

    clock.advance(Duration.ofMinutes(31));

    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      // nothing asks the operator: it runs again by itself and its channel hears it left
      node.testKit()
          .createTestProbe()
          .awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                assertEquals(List.of(), node.summary(channel).members());
                return null;
              });
      Operator.Profile profile = node.profile(operator);
      assertEquals(List.of(), profile.channels());
      assertFalse(profile.online());
      Channel.Started started =
          EngineNode.await(node.start(channel, UUID.randomUUID().toString(), "en_US"));
      assertEquals("waiting", started.status(), "no conversation for a disconnected operator");
    }
  }

  @Test
  void anOperatorActiveAtMinute29KeepsItsChannelsThroughARestartAtMinute31() {
    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      node.createChannel(channel, "Website");
      node.registerOperator(operator, "Anne", "en_US", 5);
      node.join(operator, channel);
      clock.advance(Duration.ofMinutes(29));
      Done done = node.await(node.operator(operator), Operator.RecordActivity::new);
      assertEquals(Done.getInstance(), done);
    }

    clock.advance(Duration.ofMinutes(2));

    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      Operator.Profile profile = node.profile(operator);
      assertEquals(List.of(channel), profile.channels());
      assertTrue(profile.online());
      assertEquals(List.of(operator), node.summary(channel).members());
    }
  }
}
