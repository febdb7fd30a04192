package livechat.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import livechat.engine.Channel;
import livechat.engine.Conversation;
import livechat.engine.EntityDirectory;
import livechat.engine.Operator;
import livechat.http.auth.Authentication;
import livechat.http.auth.Caller;
import livechat.http.auth.Tokens;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A socket session sends a conversation's messages in {@code seq} order with no gap, even when a
 * live message overtakes the replay a reconnecting client asked for, and lets closed conversations
 * go. The conversation is a probe.
 */
class SessionOrderTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aLiveMessageThatOvertakesAReplayWaitsForTheMessagesBeforeIt() throws Exception {
    TestProbe<Conversation.Command> conversation = testKit.createTestProbe();
    TestProbe<Session.Out> out = testKit.createTestProbe();
    visitorSession(conversation, out);

    // the session subscribes to live updates; the conversation stands at seq 2
    ActorRef<Conversation.Update> subscriber =
        conversation.expectMessageClass(Conversation.Subscribe.class).subscriber();
    subscriber.tell(new Conversation.StatusChanged("c1", "active", "Marc", null, 2, null, null));
    assertEquals("conversation", frame(out).get("type").asText());

    // message 4 arrives before 3: nothing is sent, and the conversation is asked again after 2
    subscriber.tell(posted(4));
    Conversation.Subscribe again = conversation.expectMessageClass(Conversation.Subscribe.class);
    assertEquals(2, again.afterSeq());
    out.expectNoMessage(Duration.ofMillis(200));

    // the replay brings 3 and 4; a late copy of 4 and another overtaking one ask nothing more
    subscriber.tell(posted(3));
    subscriber.tell(posted(4));
    subscriber.tell(posted(4));
    assertEquals(3, frame(out).get("seq").asLong());
    assertEquals(4, frame(out).get("seq").asLong());
    out.expectNoMessage(Duration.ofMillis(200));
    subscriber.tell(posted(5));
    assertEquals(5, frame(out).get("seq").asLong());
  }

  @Test
  void aClosedConversationIsNoLongerRenewedSoThatItCanPassivate() {
    TestProbe<Conversation.Command> conversation = testKit.createTestProbe();
    TestProbe<Session.Out> out = testKit.createTestProbe();
    ActorRef<Session.Event> session = visitorSession(conversation, out);
    ActorRef<Conversation.Update> subscriber =
        conversation.expectMessageClass(Conversation.Subscribe.class).subscriber();

    subscriber.tell(new Conversation.StatusChanged("c1", "active", "Marc", null, 2, null, null));
    session.tell(new Session.Renew());
    assertEquals(2, conversation.expectMessageClass(Conversation.Subscribe.class).afterSeq());

    subscriber.tell(new Conversation.StatusChanged("c1", "closed", "Marc", null, 3, null, null));
    session.tell(new Session.Renew());
    conversation.expectNoMessage(Duration.ofMillis(300));
  }

  private static ActorRef<Session.Event> visitorSession(
      TestProbe<Conversation.Command> conversation, TestProbe<Session.Out> out) {
    return testKit.spawn(
        Session.create(
            out.ref(),
            new Caller.Visitor("c1", Instant.now().plus(Duration.ofHours(1))),
            authentication(conversation),
            directory(conversation),
            Duration.ofSeconds(3),
            Duration.ofMinutes(5)));
  }

  private static Conversation.MessagePosted posted(long seq) {
    return new Conversation.MessagePosted(
        "c1",
        new Conversation.Message(
            seq,
            new Conversation.Author("visitor", null, "Anna"),
            "message " + seq,
            Instant.EPOCH,
            "m" + seq));
  }

  private static JsonNode frame(TestProbe<Session.Out> out) throws Exception {
    return JSON.readTree(out.expectMessageClass(Session.Frame.class).json());
  }

  private static EntityDirectory directory(TestProbe<Conversation.Command> conversation) {
    return new EntityDirectory() {
      @Override
      public RecipientRef<Operator.Command> operator(String operatorId) {
        return testKit.<Operator.Command>createTestProbe().ref();
      }

      @Override
      public RecipientRef<Channel.Command> channel(String channelId) {
        return testKit.<Channel.Command>createTestProbe().ref();
      }

      @Override
      public RecipientRef<Conversation.Command> conversation(String conversationId) {
        return conversation.ref();
      }
    };
  }

  private static Authentication authentication(TestProbe<Conversation.Command> conversation) {
    return new Authentication(
        "admin-token",
        new Tokens(
            "a-test-secret-of-at-least-32-characters",
            Duration.ofHours(1),
            Duration.ofHours(1),
            Clock.systemUTC()),
        testKit.system(),
        directory(conversation));
  }
}
