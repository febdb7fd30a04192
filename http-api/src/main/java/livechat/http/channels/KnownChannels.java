package livechat.http.channels;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import livechat.engine.ChannelCatalog;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * The channels this node knows to exist, so that a request about an unknown channel is answered
 * here and never starts a channel entity. Channels are never deleted: a channel once seen in the
 * catalog is known for good; an id not seen yet is looked up in the catalog again.
 */
final class KnownChannels {

  private final ActorSystem<?> system;
  private final Duration askTimeout;
  private final Set<String> known = ConcurrentHashMap.newKeySet();

  KnownChannels(ActorSystem<?> system, Duration askTimeout) {
    this.system = system;
    this.askTimeout = askTimeout;
  }

  void add(String channelId) {
    known.add(channelId);
  }

  CompletionStage<Boolean> exists(String channelId) {
    if (known.contains(channelId)) {
      return CompletableFuture.completedFuture(true);
    }
    return AskPattern.<ChannelCatalog.Command, ChannelCatalog.Channels>askWithStatus(
            ChannelCatalog.entity(system),
            ChannelCatalog.ListChannels::new,
            askTimeout,
            system.scheduler())
        .thenApply(
            catalog -> {
              known.addAll(catalog.channelIds());
              return known.contains(channelId);
            });
  }
}
