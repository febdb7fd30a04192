package livechat.engine.canned;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import livechat.engine.CborSerializable;
import livechat.engine.Rejection;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityRef;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.javadsl.CommandHandlerWithReply;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;

/**
 * The installation's canned responses: texts an operator inserts by typing {@code :} and a
 * shortcut. One entity owns them all, so that a shortcut is unique across the installation.
 */
public final class CannedResponses
    extends EventSourcedBehaviorWithEnforcedReplies<
        CannedResponses.Command, CannedResponses.Event, CannedResponses.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "CannedResponses");

  /** The id of the single catalog. */
  public static final String ENTITY_ID = "installation";

  public static final int MAX_SHORTCUT = 40;
  public static final int MAX_TEXT = 4000;
  private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9_-]{1," + MAX_SHORTCUT + "}");

  public record CannedResponse(String id, String shortcut, String text)
      implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  public record Create(
      String id, String shortcut, String text, ActorRef<StatusReply<CannedResponse>> replyTo)
      implements Command {}

  public record Update(
      String id, String shortcut, String text, ActorRef<StatusReply<CannedResponse>> replyTo)
      implements Command {}

  public record Delete(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record ListAll(ActorRef<StatusReply<Listing>> replyTo) implements Command {}

  /** Every canned response, by shortcut. */
  public record Listing(List<CannedResponse> responses) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record Created(CannedResponse response) implements Event {}

  public record Updated(CannedResponse response) implements Event {}

  public record Deleted(String id) implements Event {}

  /** The responses in the order they were created. */
  public record State(List<CannedResponse> responses) implements CborSerializable {

    Optional<CannedResponse> byId(String id) {
      return responses.stream().filter(response -> response.id().equals(id)).findFirst();
    }

    /** Whether another response than {@code exceptId} has the shortcut. */
    boolean shortcutTaken(String shortcut, String exceptId) {
      return responses.stream()
          .anyMatch(
              response -> response.shortcut().equals(shortcut) && !response.id().equals(exceptId));
    }

    State with(CannedResponse changed) {
      List<CannedResponse> next = new ArrayList<>();
      boolean replaced = false;
      for (CannedResponse response : responses) {
        if (response.id().equals(changed.id())) {
          next.add(changed);
          replaced = true;
        } else {
          next.add(response);
        }
      }
      if (!replaced) {
        next.add(changed);
      }
      return new State(List.copyOf(next));
    }

    State without(String id) {
      return new State(responses.stream().filter(response -> !response.id().equals(id)).toList());
    }
  }

  private final int maxResponses;

  private CannedResponses(String entityId, int maxResponses) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), entityId));
    this.maxResponses = maxResponses;
  }

  public static Behavior<Command> create(String entityId, int maxResponses) {
    return new CannedResponses(entityId, maxResponses);
  }

  /** Registers the catalog; it keeps at most {@code livechat.canned-responses.max} responses. */
  public static void init(ActorSystem<?> system) {
    int max = system.settings().config().getInt("livechat.canned-responses.max");
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_TYPE_KEY, context -> create(context.getEntityId(), max)));
  }

  public static EntityRef<Command> entity(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_TYPE_KEY, ENTITY_ID);
  }

  @Override
  public State emptyState() {
    return new State(List.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(100, 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Update.class, this::onUpdate)
        .onCommand(Delete.class, this::onDelete)
        .onCommand(
            ListAll.class,
            (state, list) ->
                Effect()
                    .reply(
                        list.replyTo(),
                        StatusReply.success(
                            new Listing(
                                state.responses().stream()
                                    .sorted(Comparator.comparing(CannedResponse::shortcut))
                                    .toList()))))
        .build();
  }

  private ReplyEffect<Event, State> onCreate(State state, Create create) {
    Rejection problem = invalid(create.shortcut(), create.text());
    if (problem == null && state.byId(create.id()).isPresent()) {
      problem = Rejection.conflict("canned_response_exists", "This id is already in use.");
    }
    if (problem == null && state.shortcutTaken(create.shortcut(), create.id())) {
      problem = shortcutTaken(create.shortcut());
    }
    if (problem == null && state.responses().size() >= maxResponses) {
      problem =
          Rejection.conflict(
              "too_many_canned_responses",
              "There are already "
                  + maxResponses
                  + " canned responses (livechat.canned-responses.max); delete one first.");
    }
    if (problem != null) {
      return Effect().reply(create.replyTo(), StatusReply.error(problem));
    }
    CannedResponse created =
        new CannedResponse(create.id(), create.shortcut(), create.text().strip());
    return Effect()
        .persist(new Created(created))
        .thenReply(create.replyTo(), after -> StatusReply.success(created));
  }

  private ReplyEffect<Event, State> onUpdate(State state, Update update) {
    Rejection problem = invalid(update.shortcut(), update.text());
    if (problem == null && state.byId(update.id()).isEmpty()) {
      problem = unknown();
    }
    if (problem == null && state.shortcutTaken(update.shortcut(), update.id())) {
      problem = shortcutTaken(update.shortcut());
    }
    if (problem != null) {
      return Effect().reply(update.replyTo(), StatusReply.error(problem));
    }
    CannedResponse updated =
        new CannedResponse(update.id(), update.shortcut(), update.text().strip());
    if (state.byId(update.id()).get().equals(updated)) {
      return Effect().reply(update.replyTo(), StatusReply.success(updated));
    }
    return Effect()
        .persist(new Updated(updated))
        .thenReply(update.replyTo(), after -> StatusReply.success(updated));
  }

  private ReplyEffect<Event, State> onDelete(State state, Delete delete) {
    if (state.byId(delete.id()).isEmpty()) {
      return Effect().reply(delete.replyTo(), StatusReply.error(unknown()));
    }
    return Effect()
        .persist(new Deleted(delete.id()))
        .thenReply(delete.replyTo(), after -> StatusReply.ack());
  }

  /** Why a shortcut and text cannot be stored, or null when they can. */
  static Rejection invalid(String shortcut, String text) {
    if (shortcut == null || !SHORTCUT.matcher(shortcut).matches()) {
      return Rejection.invalid(
          "invalid_shortcut",
          "A shortcut holds 1 to "
              + MAX_SHORTCUT
              + " lowercase letters, digits, '_' or '-' (for example \"hello\").");
    }
    String stripped = text == null ? "" : text.strip();
    if (stripped.isEmpty() || stripped.length() > MAX_TEXT) {
      return Rejection.invalid(
          "invalid_text", "The text holds 1 to " + MAX_TEXT + " characters (blanks aside).");
    }
    return null;
  }

  private static Rejection shortcutTaken(String shortcut) {
    return Rejection.conflict(
        "shortcut_taken", "Another canned response already has the shortcut \"" + shortcut + "\".");
  }

  private static Rejection unknown() {
    return Rejection.notFound(
        "unknown_canned_response", "There is no canned response with this id.");
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Created.class, (state, created) -> state.with(created.response()))
        .onEvent(Updated.class, (state, updated) -> state.with(updated.response()))
        .onEvent(Deleted.class, (state, deleted) -> state.without(deleted.id()))
        .build();
  }
}
