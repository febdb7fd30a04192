package livechat.engine;

import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;

/** Entities found through Cluster Sharding, wherever in the cluster they run. */
public final class ShardedDirectory implements EntityDirectory {

  private final ClusterSharding sharding;

  public ShardedDirectory(ActorSystem<?> system) {
    this.sharding = ClusterSharding.get(system);
  }

  @Override
  public RecipientRef<Operator.Command> operator(String operatorId) {
    return sharding.entityRefFor(Operator.ENTITY_TYPE_KEY, operatorId);
  }

  @Override
  public RecipientRef<Channel.Command> channel(String channelId) {
    return sharding.entityRefFor(Channel.ENTITY_TYPE_KEY, channelId);
  }

  @Override
  public RecipientRef<Conversation.Command> conversation(String conversationId) {
    return sharding.entityRefFor(Conversation.ENTITY_TYPE_KEY, conversationId);
  }
}
