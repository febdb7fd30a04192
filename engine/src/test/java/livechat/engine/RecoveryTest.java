package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.junit.jupiter.api.Test;

/** Every entity's state, written to the real Cassandra, is what a fresh actor system recovers. */
class RecoveryTest {

  private static final String KEYSPACE = "recovery";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final String channel = "website-" + UUID.randomUUID();
  private final String marc = "marc-" + UUID.randomUUID();
  private final Participant asMarc = Participant.operator(marc);
  private final String active = UUID.randomUUID().toString();
  private final String first = UUID.randomUUID().toString();
  private final String second = UUID.randomUUID().toString();

  @Test
  void operatorsChannelsAndConversationsAreRecoveredWithSeenPointersAndQueueOrder() {
    Operator.Profile profile;
    Channel.Summary summary;
    Conversation.View operatorsView;
    Conversation.View visitorsView;
    List<Conversation.Message> messages;
    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      node.createChannel(channel, "Website");
      node.registerOperator(marc, "Marc Dupont", "en_US", 1);
      node.<Operator.Command, Operator.Profile>await(
          node.operator(marc),
          replyTo ->
              new Operator.UpdatePreferences(
                  true, "Marc", "en_US", List.of("fr_FR"), EngineNode.ENABLED, replyTo));
      node.join(marc, channel);
      assertEquals("active", EngineNode.await(node.start(channel, active, "fr_FR")).status());
      assertEquals(1, EngineNode.await(node.start(channel, first, "en_US")).queuePosition());
      assertEquals(2, EngineNode.await(node.start(channel, second, "fr_FR")).queuePosition());
      send(node, Participant.visitor(), "Bonjour", "v1");
      send(node, asMarc, "Bonjour, je suis Marc.", "m1");
      send(node, Participant.visitor(), "J'ai une question.", "v2");
      send(node, Participant.visitor(), "Sur ma commande.", "v3");
      Done seen =
          node.await(
              node.conversation(active), replyTo -> new Conversation.MarkSeen(asMarc, 3, replyTo));
      assertEquals(Done.getInstance(), seen);
      node.<Conversation.Command, Done>await(
          node.conversation(active), replyTo -> new Conversation.Rate(5, "Merci", replyTo));

      profile = node.profile(marc);
      summary = node.summary(channel);
      operatorsView = node.view(active, asMarc);
      visitorsView = node.view(active, Participant.visitor());
      messages = node.messages(active);
      assertEquals(1, operatorsView.unread());
      assertEquals(Map.of("visitor", 4L, "operator:" + marc, 3L), operatorsView.seen());
      assertEquals(List.of(first, second), summary.queue());
    }

    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      assertEquals(profile, node.profile(marc));
      assertEquals(summary, node.summary(channel));
      assertEquals(operatorsView, node.view(active, asMarc));
      assertEquals(visitorsView, node.view(active, Participant.visitor()));
      assertEquals(messages, node.messages(active));
      node.testKit()
          .createTestProbe()
          .awaitAssert(
              Duration.ofSeconds(30),
              () -> {
                assertEquals(1, node.view(first, null).queuePosition());
                assertEquals(2, node.view(second, null).queuePosition());
                return null;
              });
    }
  }

  @Test
  void anOperatorWithALongLifeRecoversFromItsSnapshot() {
    String anne = "anne-" + UUID.randomUUID();
    Operator.Profile profile;
    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      node.createChannel(channel + "-long", "Long life");
      node.registerOperator(anne, "Anne Martin", "en_US", 2);
      for (int i = 0; i < 250; i++) {
        String name = "Anne " + i;
        node.<Operator.Command, Operator.Profile>await(
            node.operator(anne),
            replyTo ->
                new Operator.UpdatePreferences(
                    true, name, "en_US", List.of("fr_FR"), EngineNode.ENABLED, replyTo));
      }
      node.join(anne, channel + "-long");
      profile = node.profile(anne);
      assertEquals("Anne 249", profile.displayName());
    }
    try (EngineNode node = EngineNode.start(KEYSPACE, clock)) {
      assertEquals(profile, node.profile(anne));
    }
  }

  private void send(EngineNode node, Participant from, String text, String id) {
    node.<Conversation.Command, Conversation.MessageAccepted>await(
        node.conversation(active),
        replyTo -> new Conversation.SendMessage(from, text, id, replyTo));
  }
}
