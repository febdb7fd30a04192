package livechat.engine;

import java.util.Locale;
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
 * A login name and the operator it belongs to. One entity per login (case-insensitive), so two
 * operators can never claim the same login, whichever nodes they are created on.
 */
public final class Login
    extends EventSourcedBehaviorWithEnforcedReplies<Login.Command, Login.Event, Login.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Login");

  public sealed interface Command extends CborSerializable {}

  /** Claims the login for the operator; claiming it again for the same operator is a no-op. */
  public record Claim(String operatorId, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  /** The operator id the login belongs to. */
  public record Find(ActorRef<StatusReply<String>> replyTo) implements Command {}

  public sealed interface Event extends CborSerializable {}

  public record Claimed(String operatorId) implements Event {}

  /** {@code operatorId} is null while the login is free. */
  public record State(String operatorId) implements CborSerializable {}

  private final JournalFailureReport journalFailures;

  private Login(String login, ActorSystem<?> system) {
    super(
        PersistenceId.of(ENTITY_TYPE_KEY.name(), login),
        EntityRuntime.restartOnJournalFailure(system));
    this.journalFailures = new JournalFailureReport(system, ENTITY_TYPE_KEY);
  }

  public static Behavior<Command> create(String login) {
    return Behaviors.setup(context -> new Login(login, context.getSystem()));
  }

  public static void init(ActorSystem<?> system) {
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_TYPE_KEY, context -> create(context.getEntityId())));
  }

  public static EntityRef<Command> entity(ActorSystem<?> system, String login) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_TYPE_KEY, normalize(login));
  }

  /** Logins are compared without case and surrounding blanks. */
  public static String normalize(String login) {
    return login.strip().toLowerCase(Locale.ROOT);
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
    return new State(null);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(
            Claim.class,
            (state, claim) -> {
              if (state.operatorId() == null) {
                return Effect()
                    .persist(new Claimed(claim.operatorId()))
                    .thenReply(claim.replyTo(), after -> StatusReply.ack());
              }
              if (state.operatorId().equals(claim.operatorId())) {
                return Effect().reply(claim.replyTo(), StatusReply.ack());
              }
              return Effect()
                  .reply(
                      claim.replyTo(),
                      StatusReply.error(
                          Rejection.conflict("login_taken", "Another operator has this login.")));
            })
        .onCommand(
            Find.class,
            (state, find) ->
                Effect()
                    .reply(
                        find.replyTo(),
                        state.operatorId() == null
                            ? StatusReply.error(
                                Rejection.notFound("unknown_login", "There is no such login."))
                            : StatusReply.success(state.operatorId())))
        .build();
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Claimed.class, (state, claimed) -> new State(claimed.operatorId()))
        .build();
  }
}
