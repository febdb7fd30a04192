package livechat.engine.channel;

import java.time.Clock;
import livechat.engine.EngineObserver;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.channel.Channel.Command;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * What every part of one channel's behaviour works with: the channel's id, the effects it answers
 * with, its actor context, the directory of other entities, the settings and the clock. Built once
 * by {@link ChannelEntity}.
 */
record ChannelEnvironment(
    String channelId,
    EffectFactories<ChannelEvent, ChannelState> effects,
    ActorContext<Command> context,
    EntityDirectory directory,
    EngineSettings settings,
    Clock clock) {

  EngineObserver observer() {
    return EngineObserver.of(context.getSystem());
  }
}
