package livechat.engine;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.sharding.typed.ClusterShardingSettings;

/**
 * Sharding settings for entities that must run without being sent a message: Cluster Sharding
 * starts them again after a restart or a shard move, from a list kept in the journal.
 */
public final class RememberedEntities {

  private RememberedEntities() {}

  public static ClusterShardingSettings settings(ActorSystem<?> system) {
    return ClusterShardingSettings.create(system)
        .withRememberEntities(true)
        .withRememberEntitiesStoreMode(
            ClusterShardingSettings.rememberEntitiesStoreModeEventSourced());
  }
}
