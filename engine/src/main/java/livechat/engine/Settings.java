package livechat.engine;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * The installation's settings: which languages are enabled. Operators may only choose enabled
 * languages. There is one such entity per installation ({@link #ENTITY_ID}); until an administrator
 * changes them, the languages come from {@code livechat.languages.enabled}.
 */
public final class Settings
    extends EventSourcedBehaviorWithEnforcedReplies<
        Settings.Command, Settings.Event, Settings.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Settings");

  /** The id of the single settings entity. */
  public static final String ENTITY_ID = "installation";

  public sealed interface Command extends CborSerializable {}

  public record GetEnabledLanguages(ActorRef<StatusReply<EnabledLanguages>> replyTo)
      implements Command {}

  /** Replaces the enabled languages; duplicates are dropped, the order is kept. */
  public record EnableLanguages(
      List<String> languages, ActorRef<StatusReply<EnabledLanguages>> replyTo) implements Command {}

  public record EnabledLanguages(List<String> languages) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record LanguagesEnabled(List<String> languages) implements Event {}

  public record State(List<String> enabledLanguages) implements CborSerializable {}

  private final List<String> defaultLanguages;
  private final JournalFailureReport journalFailures;

  private Settings(
      PersistenceId persistenceId, List<String> defaultLanguages, ActorSystem<?> system) {
    super(persistenceId, EntityRuntime.restartOnJournalFailure(system));
    this.defaultLanguages = defaultLanguages;
    this.journalFailures = new JournalFailureReport(system, ENTITY_TYPE_KEY);
  }

  public static Behavior<Command> create(String entityId, List<String> defaultLanguages) {
    malformed(defaultLanguages)
        .ifPresent(
            code -> {
              throw new IllegalArgumentException(
                  "livechat.languages.enabled holds '" + code + "', which is not a language code");
            });
    PersistenceId persistenceId = PersistenceId.of(ENTITY_TYPE_KEY.name(), entityId);
    List<String> defaults = List.copyOf(defaultLanguages);
    return Behaviors.setup(context -> new Settings(persistenceId, defaults, context.getSystem()));
  }

  public static void init(ActorSystem<?> system) {
    List<String> defaults = system.settings().config().getStringList("livechat.languages.enabled");
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_TYPE_KEY, context -> create(context.getEntityId(), defaults)));
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
    return new State(defaultLanguages);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(GetEnabledLanguages.class, this::onGetEnabledLanguages)
        .onCommand(EnableLanguages.class, this::onEnableLanguages)
        .build();
  }

  private ReplyEffect<Event, State> onGetEnabledLanguages(
      State state, GetEnabledLanguages command) {
    return Effect().reply(command.replyTo(), StatusReply.success(enabled(state)));
  }

  private ReplyEffect<Event, State> onEnableLanguages(State state, EnableLanguages command) {
    if (command.languages().isEmpty()) {
      return Effect()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.invalid("no_language", "At least one language must stay enabled.")));
    }
    var badCode = malformed(command.languages());
    if (badCode.isPresent()) {
      return Effect()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.invalid(
                      "invalid_language",
                      "'"
                          + badCode.get()
                          + "' is not a language code; codes look like en_US or fr_FR.")));
    }
    List<String> languages = List.copyOf(new LinkedHashSet<>(command.languages()));
    return Effect()
        .persist(new LanguagesEnabled(languages))
        .thenReply(command.replyTo(), newState -> StatusReply.success(enabled(newState)));
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(LanguagesEnabled.class, (state, event) -> new State(event.languages()))
        .build();
  }

  private static EnabledLanguages enabled(State state) {
    return new EnabledLanguages(state.enabledLanguages());
  }

  private static Optional<String> malformed(List<String> codes) {
    return codes.stream().filter(code -> !LanguageCode.isWellFormed(code)).findFirst();
  }
}
