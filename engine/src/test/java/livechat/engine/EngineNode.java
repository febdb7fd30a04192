package livechat.engine;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.ConversationHistory;
import livechat.engine.operator.Operator;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * The engine on a one-node cluster whose journal is a keyspace of the shared real Cassandra node,
 * with helpers that ask its entities and wait for the answer.
 */
final class EngineNode implements AutoCloseable {

  static final Duration TIMEOUT = Duration.ofSeconds(30);
  static final Set<String> ENABLED = Set.of("en_US", "fr_FR");

  private final ActorTestKit testKit;
  private final Engine engine;

  private EngineNode(ActorTestKit testKit, Engine engine) {
    this.testKit = testKit;
    this.engine = engine;
  }

  static EngineNode start(String keyspace, Clock clock) {
    // conversations wait here without any visitor socket, as long as a test runs
    Config config =
        ConfigFactory.parseString("livechat.conversation.waiting-without-visitor-timeout = 1h")
            .withFallback(OneNodeCluster.config())
            .withFallback(TestCassandra.config(keyspace));
    ActorTestKit testKit = ActorTestKit.create("livechat", config);
    OneNodeCluster.join(testKit.system());
    return new EngineNode(testKit, Engine.init(testKit.system(), clock));
  }

  ActorTestKit testKit() {
    return testKit;
  }

  RecipientRef<Operator.Command> operator(String id) {
    return engine.directory().operator(id);
  }

  RecipientRef<Channel.Command> channel(String id) {
    return engine.directory().channel(id);
  }

  RecipientRef<Conversation.Command> conversation(String id) {
    return engine.directory().conversation(id);
  }

  <C, R> CompletionStage<R> ask(
      RecipientRef<C> target, Function<ActorRef<StatusReply<R>>, C> command) {
    return AskPattern.askWithStatus(target, command::apply, TIMEOUT, testKit.scheduler());
  }

  <C, R> R await(RecipientRef<C> target, Function<ActorRef<StatusReply<R>>, C> command) {
    return await(ask(target, command));
  }

  static <R> R await(CompletionStage<R> stage) {
    try {
      return stage.toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  Channel.Summary createChannel(String id, String name) {
    return await(channel(id), replyTo -> new Channel.Create(name, replyTo));
  }

  Operator.Profile registerOperator(String id, String name, String mainLanguage, int capacity) {
    return await(
        operator(id),
        replyTo ->
            new Operator.Register(
                id, name, "not-a-real-hash", mainLanguage, capacity, ENABLED, replyTo));
  }

  Operator.Profile join(String operatorId, String channelId) {
    return await(operator(operatorId), replyTo -> new Operator.JoinChannel(channelId, replyTo));
  }

  Operator.Profile profile(String operatorId) {
    return await(operator(operatorId), Operator.GetProfile::new);
  }

  Channel.Summary summary(String channelId) {
    return await(channel(channelId), Channel.GetSummary::new);
  }

  CompletionStage<Channel.Started> start(String channelId, String conversationId, String language) {
    return ask(
        channel(channelId),
        replyTo ->
            new Channel.StartConversation(
                conversationId, null, language, "https://example.com/", replyTo));
  }

  Conversation.View view(String conversationId, Conversation.Participant viewer) {
    return await(
        conversation(conversationId), replyTo -> new Conversation.GetView(viewer, replyTo));
  }

  /** Every message of the conversation, read page by page as a client reads its history. */
  List<Conversation.Message> messages(String conversationId) {
    ConversationHistory history =
        new ConversationHistory(testKit.system(), engine.directory(), TIMEOUT);
    List<Conversation.Message> all = new ArrayList<>();
    while (true) {
      long last = all.isEmpty() ? 0 : all.get(all.size() - 1).seq();
      Conversation.Messages page = await(history.page(conversationId, last, 500));
      all.addAll(page.messages());
      if (page.messages().isEmpty() || all.get(all.size() - 1).seq() >= page.lastSeq()) {
        return all;
      }
    }
  }

  @Override
  public void close() {
    testKit.shutdownTestKit();
  }
}
