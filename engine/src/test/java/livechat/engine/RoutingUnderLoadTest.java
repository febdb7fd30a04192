package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import livechat.engine.channel.Channel.Started;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.Conversation.Participant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Many visitors at once on a real one-node cluster and the real Cassandra: capacity holds, the rest
 * wait in order, and freed slots go to the head of the queue.
 */
class RoutingUnderLoadTest {

  private static final int OPERATORS = 10;
  private static final int CAPACITY = 5;
  private static final int VISITORS = 200;

  private static EngineNode node;

  @BeforeAll
  static void start() {
    node = EngineNode.start("routing_load", Clock.systemUTC());
  }

  private static JournalReader journal() {
    return new JournalReader(node.testKit().system());
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void twoHundredConcurrentRequestsTenOperatorsOfCapacityFive() {
    String channel = "website-" + UUID.randomUUID();
    node.createChannel(channel, "Website");
    List<String> operators = new ArrayList<>();
    for (int i = 0; i < OPERATORS; i++) {
      String operatorId = "operator-" + i + "-" + UUID.randomUUID();
      node.registerOperator(operatorId, "Operator " + i, "en_US", CAPACITY);
      node.join(operatorId, channel);
      operators.add(operatorId);
    }

    List<CompletableFuture<Started>> requests =
        IntStream.range(0, VISITORS)
            .mapToObj(
                i ->
                    node.start(
                            channel, UUID.randomUUID().toString(), i % 2 == 0 ? "en_US" : "fr_FR")
                        .toCompletableFuture())
            .toList();
    List<Started> started = requests.stream().map(EngineNode::await).toList();
    assertEquals(VISITORS, started.size());

    // a start behind others is answered at once as waiting; the queue then settles
    node.testKit()
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(30),
            () -> {
              assertEquals(150, node.summary(channel).queue().size());
              for (String operatorId : operators) {
                assertEquals(CAPACITY, node.profile(operatorId).conversations().size(), operatorId);
              }
              return null;
            });
    List<String> queue = node.summary(channel).queue();
    List<Started> active =
        started.stream().filter(s -> !queue.contains(s.conversationId())).toList();
    assertEquals(50, active.size());
    node.testKit()
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              for (int i = 0; i < queue.size(); i++) {
                assertEquals(i + 1, node.view(queue.get(i), null).queuePosition(), "position");
              }
              return null;
            });
    int assignedBefore = journal().assignments(channel).size();
    for (Started closing : active.subList(0, 20)) {
      Conversation.View closed =
          node.await(
              node.conversation(closing.conversationId()),
              replyTo -> new Conversation.Close(Participant.visitor(), replyTo));
      assertEquals("closed", closed.status());
    }

    node.testKit()
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(30),
            () -> {
              assertEquals(queue.subList(20, 150), node.summary(channel).queue());
              return null;
            });
    List<String> assignedAfterCloses =
        journal().assignments(channel).subList(assignedBefore, assignedBefore + 20);
    assertEquals(queue.subList(0, 20), assignedAfterCloses, "the first 20 waiting, in order");
    for (String conversationId : queue.subList(0, 20)) {
      assertEquals("active", node.view(conversationId, null).status());
    }
    node.testKit()
        .createTestProbe()
        .awaitAssert(
            Duration.ofSeconds(10),
            () -> {
              assertEquals(1, node.view(queue.get(20), null).queuePosition());
              return null;
            });
    for (String operatorId : operators) {
      assertTrue(
          journal().highestLoadEver(operatorId) <= CAPACITY, operatorId + " went above capacity");
      assertEquals(CAPACITY, node.profile(operatorId).conversations().size());
    }
  }
}
