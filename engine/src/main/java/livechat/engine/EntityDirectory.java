package livechat.engine;

import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * How entities reach one another by id. In a node this is Cluster Sharding ({@link
 * ShardedDirectory}); a unit test of one entity hands it test probes instead.
 */
public interface EntityDirectory {

  RecipientRef<Operator.Command> operator(String operatorId);

  RecipientRef<Channel.Command> channel(String channelId);

  RecipientRef<Conversation.Command> conversation(String conversationId);
}
