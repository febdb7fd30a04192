package livechat.engine;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The installation's channels, in the order they were created: what the channels overview lists.
 */
public final class ChannelCatalog
    extends EventSourcedBehaviorWithEnforcedReplies<
        ChannelCatalog.Command, ChannelCatalog.Event, ChannelCatalog.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "ChannelCatalog");

  /** The id of the single catalog. */
  public static final String ENTITY_ID = "installation";

  public sealed interface Command extends CborSerializable {}

  public record Add(String channelId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record ListChannels(ActorRef<StatusReply<Channels>> replyTo) implements Command {}

  public record Channels(List<String> channelIds) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record ChannelAdded(String channelId) implements Event {}

  public record State(List<String> channelIds) implements CborSerializable {}

  private final JournalFailureReport journalFailures;

  private ChannelCatalog(String entityId, ActorSystem<?> system) {
    super(
        PersistenceId.of(ENTITY_TYPE_KEY.name(), entityId),
        EntityRuntime.restartOnJournalFailure(system));
    this.journalFailures = new JournalFailureReport(system, ENTITY_TYPE_KEY);
  }

  public static Behavior<Command> create(String entityId) {
    return Behaviors.setup(context -> new ChannelCatalog(entityId, context.getSystem()));
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_TYPE_KEY, context -> create(context.getEntityId())));
  }

  public static EntityRef<Command> entity(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_TYPE_KEY, ENTITY_ID);
  }

  @Override
  public SignalHandler<State> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(PreRestart.instance(), state -> journalFailures.signalled())
        .onSignal(RecoveryFailed.class, (state, failed) -> journalFailures.signalled())
        .build();
  }

  @Override
  public State emptyState() {
    return new State(List.of());
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Add.class,
            (state, add) ->
                state.channelIds().contains(add.channelId())
                    ? Effect().reply(add.replyTo(), StatusReply.ack())
                    : Effect()
                        .persist(new ChannelAdded(add.channelId()))
                        .thenReply(add.replyTo(), after -> StatusReply.ack()))
        .onCommand(
            ListChannels.class,
            (state, list) ->
                Effect()
                    .reply(list.replyTo(), StatusReply.success(new Channels(state.channelIds()))))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(
            ChannelAdded.class,
            (state, added) -> {
              List<String> ids = new ArrayList<>(state.channelIds());
              ids.add(added.channelId());
              return new State(List.copyOf(ids));
            })
        .build();
  }
}
