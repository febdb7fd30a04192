package livechat.engine;

import java.time.Clock;
import livechat.engine.canned.CannedResponses;
import livechat.engine.channel.Channel;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import livechat.engine.pages.VisitorPages;
import livechat.engine.webhooks.Webhooks;
import org.apache.pekko.actor.typed.ActorSystem;

/**
 * Starts the engine's entities on a node: registers settings, operators, channels, conversations,
 * canned responses, visitors' pages and webhooks with Cluster Sharding, wired to one another
 * through a {@link ShardedDirectory}.
 */
public final class Engine {

  private final EntityDirectory directory;
  private final EngineSettings settings;
  private final OperatorAccounts accounts;

  private Engine(EntityDirectory directory, EngineSettings settings, OperatorAccounts accounts) {
    this.directory = directory;
    this.settings = settings;
    this.accounts = accounts;
  }

  public static Engine init(ActorSystem<?> system, Clock clock) {
    return init(system, clock, EngineObserver.NONE);
  }

  /** Starts the engine; its entities report what they do to the observer. */
  public static Engine init(ActorSystem<?> system, Clock clock, EngineObserver observer) {
    EntityRuntime.get(system).observe(observer);
    EngineSettings settings = EngineSettings.fromConfig(system.settings().config());
    EntityDirectory directory = new ShardedDirectory(system);
    Settings.init(system);
    Login.init(system);
    ChannelCatalog.init(system);
    Operator.init(system, directory, settings, clock);
    Channel.init(system, directory, settings, clock);
    Conversation.init(system, directory, settings, clock);
    CannedResponses.init(system);
    VisitorPages.init(system, clock);
    Webhooks.init(system);
    return new Engine(
        directory, settings, new OperatorAccounts(system, directory, settings.askTimeout()));
  }

  public EntityDirectory directory() {
    return directory;
  }

  public EngineSettings settings() {
    return settings;
  }

  public OperatorAccounts accounts() {
    return accounts;
  }
}
