package livechat.engine.conversation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import livechat.engine.EngineTestSettings;
import livechat.engine.ManualClock;
import livechat.engine.ProbeDirectory;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation.Participant;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** A conversation still waiting for an operator closes itself once its visitor has gone. */
class VisitorLeftTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(
          PersistenceTestKitPlugin.getInstance()
              .config()
              .withFallback(PersistenceTestKitSnapshotPlugin.config()));

  /** Checked every 400 ms in real time; the timeout of 1.6 s is read on the manual clock. */
  private static final Duration TIMEOUT = Duration.ofMillis(1600);

  private static final Duration LONG_AFTER = Duration.ofMinutes(1);

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-02T09:00:00Z"));
  private final ProbeDirectory directory = new ProbeDirectory(testKit);
  private final String conversationId = UUID.randomUUID().toString();

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aWaitingConversationWithoutItsVisitorClosesItselfAndLeavesTheQueue() {
    ActorRef<Conversation.Command> conversation = open();

    clock.advance(LONG_AFTER);

    directory.channelProbe("website").expectMessageClass(Channel.LeaveQueue.class);
    Conversation.View view = view(conversation);
    assertEquals("closed", view.status());
    assertEquals("Visitor #7 left before an operator joined.", view.lastMessage().text());
  }

  @Test
  void aVisitorWithASocketOpenKeepsItsConversationWaiting() {
    ActorRef<Conversation.Command> conversation = open();
    TestProbe<Conversation.Update> socket = testKit.createTestProbe();
    conversation.tell(
        new Conversation.Subscribe(Long.MAX_VALUE, Participant.visitor(), socket.ref()));
    socket.expectMessageClass(Conversation.StatusChanged.class);

    clock.advance(LONG_AFTER);

    directory.channelProbe("website").expectNoMessage(Duration.ofSeconds(1));
    assertEquals("waiting", view(conversation).status());

    // the socket closes: from when the conversation hears of it, the visitor is gone
    socket.stop();
    TestProbe<Channel.Command> channel = directory.channelProbe("website");
    channel.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          clock.advance(LONG_AFTER);
          channel.expectMessageClass(Channel.LeaveQueue.class, Duration.ofMillis(500));
          return null;
        });
    assertEquals("closed", view(conversation).status());
  }

  private ActorRef<Conversation.Command> open() {
    ActorRef<Conversation.Command> conversation =
        testKit.spawn(
            Conversation.create(
                conversationId,
                directory,
                EngineTestSettings.withConversationLimits(
                    EngineTestSettings.DEFAULTS.visitorMessagesPerMinute(),
                    EngineTestSettings.DEFAULTS.recentMessages(),
                    TIMEOUT),
                clock));
    TestProbe<StatusReply<Done>> opened = testKit.createTestProbe();
    conversation.tell(
        new Conversation.Open(
            "website",
            new Conversation.Visitor("Visitor #7", "en_US", null),
            null,
            null,
            opened.ref()));
    opened.expectMessage(StatusReply.ack());
    return conversation;
  }

  private static Conversation.View view(ActorRef<Conversation.Command> conversation) {
    TestProbe<StatusReply<Conversation.View>> probe = testKit.createTestProbe();
    conversation.tell(new Conversation.GetView(null, probe.ref()));
    return probe.receiveMessage().getValue();
  }
}
