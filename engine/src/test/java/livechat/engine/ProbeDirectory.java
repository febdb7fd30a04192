package livechat.engine;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.RecipientRef;

/** A directory for a unit test of one entity: every other entity is a test probe. */
public final class ProbeDirectory implements EntityDirectory {

  private final ActorTestKit testKit;
  private final Map<String, TestProbe<Operator.Command>> operators = new ConcurrentHashMap<>();
  private final Map<String, TestProbe<Channel.Command>> channels = new ConcurrentHashMap<>();
  private final Map<String, TestProbe<Conversation.Command>> conversations =
      new ConcurrentHashMap<>();

  public ProbeDirectory(ActorTestKit testKit) {
    this.testKit = testKit;
  }

  public TestProbe<Operator.Command> operatorProbe(String id) {
    return operators.computeIfAbsent(id, key -> testKit.createTestProbe());
  }

  public TestProbe<Channel.Command> channelProbe(String id) {
    return channels.computeIfAbsent(id, key -> testKit.createTestProbe());
  }

  public TestProbe<Conversation.Command> conversationProbe(String id) {
    return conversations.computeIfAbsent(id, key -> testKit.createTestProbe());
  }

  @Override
  public RecipientRef<Operator.Command> operator(String operatorId) {
    return operatorProbe(operatorId).ref();
  }

  @Override
  public RecipientRef<Channel.Command> channel(String channelId) {
    return channelProbe(channelId).ref();
  }

  @Override
  public RecipientRef<Conversation.Command> conversation(String conversationId) {
    return conversationProbe(conversationId).ref();
  }
}
