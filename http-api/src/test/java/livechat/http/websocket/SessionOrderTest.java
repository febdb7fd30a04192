package livechat.http.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import livechat.engine.EntityDirectory;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.ConversationHistory;
import livechat.engine.operator.Operator;
import livechat.http.auth.Authentication;
import livechat.http.auth.Caller;
import livechat.http.auth.Tokens;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * A socket session sends a conversation's messages in {@code seq} order with no gap, reading what
 * it misses from the history as fast as the socket takes it, and lets closed conversations go. The
 * conversation is a probe.
 */
class SessionOrderTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterAll
  static void stop() {
    testKit.shutdownTestKit();
  }

  @Test
  void aLiveMessageThatOvertakesOthersWaitsWhileTheMissingOnesAreRead() throws Exception {
    TestProbe<Conversation.Command> conversation = testKit.createTestProbe();
    TestProbe<Session.Out> out = testKit.createTestProbe();
    visitorSession(conversation, out);

    // the session subscribes to live updates; the conversation stands at seq 2
    ActorRef<Conversation.Update> subscriber =
        conversation.expectMessageClass(Conversation.Subscribe.class).subscriber();
    subscriber.tell(new Conversation.StatusChanged("c1", "active", "Marc", null, 2, null, null));
    assertEquals("conversation", frame(out).get("type").asText());

    // message 4 arrives before 3: nothing is sent, and the history after 2 is read
    subscriber.tell(posted(4));
    Conversation.GetMessages read = conversation.expectMessageClass(Conversation.GetMessages.class);
    assertEquals(2, read.afterSeq());
    out.expectNoMessage(Duration.ofMillis(200));

    // 5 arrives while the page is read; the page brings 3 and 4, then 5 is read too
    subscriber.tell(posted(5));
    read.replyTo().tell(StatusReply.success(page(4, 3, 4)));
    assertEquals(3, frame(out).get("seq").asLong());
    assertEquals(4, frame(out).get("seq").asLong());
    Conversation.GetMessages more = conversation.expectMessageClass(Conversation.GetMessages.class);
    assertEquals(4, more.afterSeq());
    more.replyTo().tell(StatusReply.success(page(5, 5)));
    assertEquals(5, frame(out).get("seq").asLong());

    // caught up: a late copy asks nothing, the next live message goes straight out
    subscriber.tell(posted(5));
    subscriber.tell(posted(6));
    assertEquals(6, frame(out).get("seq").asLong());
    conversation.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void aClientFarBehindIsFedPageByPageAsFastAsItsSocketTakesThem() throws Exception {
    TestProbe<Conversation.Command> conversation = testKit.createTestProbe();
    TestProbe<Session.Out> out = testKit.createTestProbe();
    OutgoingWindow window = new OutgoingWindow(150);
    visitorSession(conversation, out, window);
    ActorRef<Conversation.Update> subscriber =
        conversation.expectMessageClass(Conversation.Subscribe.class).subscriber();
    subscriber.tell(new Conversation.StatusChanged("c1", "active", "Marc", null, 0, null, null));
    frame(out);
    window.taken();

    int page = MessageFeed.HISTORY_PAGE;
    subscriber.tell(
        new Conversation.StatusChanged("c1", "active", "Marc", null, 3 * page, null, null));
    frame(out);
    window.taken();
    Conversation.GetMessages first =
        conversation.expectMessageClass(Conversation.GetMessages.class);
    assertEquals(0, first.afterSeq());
    assertEquals(page, first.limit());
    first.replyTo().tell(StatusReply.success(page(3 * page, range(1, page))));

    // a page handed over and none taken: the next page waits for the socket
    conversation.expectNoMessage(Duration.ofMillis(300));
    for (int i = 0; i < page - 150; i++) {
      frame(out);
      window.taken();
    }
    Conversation.GetMessages second =
        conversation.expectMessageClass(Conversation.GetMessages.class);
    assertEquals(page, second.afterSeq());
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

    // closed with a last message to read: it is read once, and never renewed again
    subscriber.tell(new Conversation.StatusChanged("c1", "closed", "Marc", null, 3, null, null));
    Conversation.GetMessages read = conversation.expectMessageClass(Conversation.GetMessages.class);
    read.replyTo().tell(StatusReply.success(page(3, 3)));
    session.tell(new Session.Renew());
    conversation.expectNoMessage(Duration.ofMillis(300));
  }

  @Test
  void aConversationGivenThatTheSocketHeldAlreadyIsNotSentAgain() throws Exception {
    TestProbe<Conversation.Command> conversation = testKit.createTestProbe();
    TestProbe<Operator.Command> operator = testKit.createTestProbe();
    TestProbe<Session.Out> out = testKit.createTestProbe();
    testKit.spawn(
        Session.create(
            out.ref()::tell,
            new OutgoingWindow(1000),
            new Caller.Operator("marc", 0, Instant.now().plus(Duration.ofHours(1))),
            authentication(conversation),
            directory(conversation, operator),
            new ConversationHistory(
                testKit.system(), directory(conversation, operator), Duration.ofSeconds(3)),
            Duration.ofSeconds(3),
            Duration.ofMinutes(5)));

    // the socket opens holding c1, and follows it from its next message
    ActorRef<Operator.Update> watcher = operator.expectMessageClass(Operator.Watch.class).watcher();
    operator
        .expectMessageClass(Operator.GetProfile.class)
        .replyTo()
        .tell(StatusReply.success(profileHolding("c1")));
    ActorRef<Conversation.Update> subscriber =
        conversation.expectMessageClass(Conversation.Subscribe.class).subscriber();
    subscriber.tell(new Conversation.StatusChanged("c1", "active", "Marc", null, 2, null, null));
    assertEquals("conversation", frame(out).get("type").asText());
    subscriber.tell(posted(3));
    assertEquals(3, frame(out).get("seq").asLong());

    // the notice that c1 was given to the operator arrives only now
    watcher.tell(new Operator.ConversationGiven("c1"));
    conversation
        .expectMessageClass(Conversation.GetView.class)
        .replyTo()
        .tell(StatusReply.success(view("c1", 3)));
    assertEquals("assigned", frame(out).get("type").asText());

    // its messages are not sent again from the first: the next one follows the last sent
    conversation.expectNoMessage(Duration.ofMillis(300));
    subscriber.tell(posted(4));
    assertEquals(4, frame(out).get("seq").asLong());
    out.expectNoMessage(Duration.ofMillis(200));
  }

  private static ActorRef<Session.Event> visitorSession(
      TestProbe<Conversation.Command> conversation, TestProbe<Session.Out> out) {
    return visitorSession(conversation, out, new OutgoingWindow(1000));
  }

  private static ActorRef<Session.Event> visitorSession(
      TestProbe<Conversation.Command> conversation,
      TestProbe<Session.Out> out,
      OutgoingWindow window) {
    return testKit.spawn(
        Session.create(
            out.ref()::tell,
            window,
            new Caller.Visitor("c1", Instant.now().plus(Duration.ofHours(1))),
            authentication(conversation),
            directory(conversation),
            new ConversationHistory(
                testKit.system(), directory(conversation), Duration.ofSeconds(3)),
            Duration.ofSeconds(3),
            Duration.ofMinutes(5)));
  }

  private static Conversation.Messages page(long lastSeq, long... seqs) {
    return new Conversation.Messages(
        Arrays.stream(seqs).mapToObj(seq -> posted(seq).message()).toList(), lastSeq, 0);
  }

  private static long[] range(long from, long to) {
    return LongStream.rangeClosed(from, to).toArray();
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

  private static Operator.Profile profileHolding(String conversationId) {
    return new Operator.Profile(
        "marc",
        "marc",
        "Marc",
        "Marc",
        "Marc",
        "en_US",
        List.of(),
        5,
        List.of("website"),
        List.of(conversationId),
        List.of(),
        true,
        Instant.EPOCH,
        false,
        0);
  }

  private static Conversation.View view(String conversationId, long lastSeq) {
    return new Conversation.View(
        conversationId,
        "website",
        "active",
        new Conversation.Visitor("Anna", "en_US", null),
        "marc",
        "Marc",
        lastSeq,
        null,
        posted(lastSeq).message(),
        0,
        Map.of(),
        null,
        null,
        Instant.EPOCH);
  }

  private static EntityDirectory directory(TestProbe<Conversation.Command> conversation) {
    return directory(conversation, testKit.createTestProbe());
  }

  private static EntityDirectory directory(
      TestProbe<Conversation.Command> conversation, TestProbe<Operator.Command> operator) {
    return new EntityDirectory() {
      @Override
      public RecipientRef<Operator.Command> operator(String operatorId) {
        return operator.ref();
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
