package livechat.engine.webhooks;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
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

/**
 * The installation's webhooks. One entity owns them all; every node reads them from it to know
 * whether messages must be tagged, and the delivering node to know where to deliver.
 */
public final class Webhooks
    extends EventSourcedBehaviorWithEnforcedReplies<
        Webhooks.Command, Webhooks.Event, Webhooks.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "Webhooks");

  /** The id of the single registry. */
  public static final String ENTITY_ID = "installation";

  public static final int MAX_URL = 2000;
  public static final int MAX_SECRET = 200;

  public sealed interface Command extends CborSerializable {}

  public record Register(
      String id,
      String url,
      List<String> events,
      String secret,
      Instant at,
      ActorRef<StatusReply<Webhook>> replyTo)
      implements Command {}

  public record Remove(String id, ActorRef<StatusReply<Done>> replyTo) implements Command {}

  public record ListAll(ActorRef<StatusReply<Listing>> replyTo) implements Command {}

  /**
   * Every webhook, in the order they were registered, and the registry's revision (how many changes
   * it has taken), so that a reader can tell an older listing from a newer one.
   */
  public record Listing(List<Webhook> webhooks, long revision) implements CborSerializable {

    /** Whether a webhook asks for messages, which conversations then tag. */
    public boolean messagesWanted() {
      return webhooks.stream().anyMatch(webhook -> webhook.wants(WebhookEventTypes.MESSAGE));
    }
  }

  public sealed interface Event extends CborSerializable {}

  public record Registered(Webhook webhook) implements Event {}

  public record Removed(String id) implements Event {}

  public record State(List<Webhook> webhooks, long revision) implements CborSerializable {

    Optional<Webhook> byId(String id) {
      return webhooks.stream().filter(webhook -> webhook.id().equals(id)).findFirst();
    }

    State with(Webhook added) {
      List<Webhook> next = new ArrayList<>(webhooks);
      next.add(added);
      return new State(List.copyOf(next), revision + 1);
    }

    State without(String id) {
      return new State(
          webhooks.stream().filter(webhook -> !webhook.id().equals(id)).toList(), revision + 1);
    }
  }

  private final int maxWebhooks;

  private Webhooks(String entityId, int maxWebhooks) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), entityId));
    this.maxWebhooks = maxWebhooks;
  }

  public static Behavior<Command> create(String entityId, int maxWebhooks) {
    return new Webhooks(entityId, maxWebhooks);
  }

  /** Registers the registry; it keeps at most {@code livechat.webhooks.max} webhooks. */
  public static void init(ActorSystem<?> system) {
    int max = system.settings().config().getInt("livechat.webhooks.max");
    ClusterSharding.get(system)
        .init(Entity.of(ENTITY_TYPE_KEY, context -> create(context.getEntityId(), max)));
  }

  public static EntityRef<Command> entity(ActorSystem<?> system) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_TYPE_KEY, ENTITY_ID);
  }

  @Override
  public State emptyState() {
    return new State(List.of(), 0);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Register.class, this::onRegister)
        .onCommand(Remove.class, this::onRemove)
        .onCommand(
            ListAll.class,
            (state, list) ->
                Effect()
                    .reply(
                        list.replyTo(),
                        StatusReply.success(new Listing(state.webhooks(), state.revision()))))
        .build();
  }

  private ReplyEffect<Event, State> onRegister(State state, Register register) {
    Rejection problem = invalid(register.url(), register.events(), register.secret());
    if (problem == null && state.byId(register.id()).isPresent()) {
      problem = Rejection.conflict("webhook_exists", "This id is already in use.");
    }
    if (problem == null && state.webhooks().size() >= maxWebhooks) {
      problem =
          Rejection.conflict(
              "too_many_webhooks",
              "There are already "
                  + maxWebhooks
                  + " webhooks (livechat.webhooks.max); delete one first.");
    }
    if (problem != null) {
      return Effect().reply(register.replyTo(), StatusReply.error(problem));
    }
    Webhook webhook =
        new Webhook(
            register.id(),
            register.url().strip(),
            List.copyOf(new LinkedHashSet<>(register.events())),
            register.secret(),
            register.at());
    return Effect()
        .persist(new Registered(webhook))
        .thenReply(register.replyTo(), after -> StatusReply.success(webhook));
  }

  private ReplyEffect<Event, State> onRemove(State state, Remove remove) {
    if (state.byId(remove.id()).isEmpty()) {
      return Effect()
          .reply(
              remove.replyTo(),
              StatusReply.error(
                  Rejection.notFound("unknown_webhook", "There is no webhook with this id.")));
    }
    return Effect()
        .persist(new Removed(remove.id()))
        .thenReply(remove.replyTo(), after -> StatusReply.ack());
  }

  /** Why a webhook cannot be registered, or null when it can. */
  static Rejection invalid(String url, List<String> events, String secret) {
    if (!isHttpUrl(url)) {
      return Rejection.invalid(
          "invalid_url",
          "The url is an absolute http or https address of at most " + MAX_URL + " characters.");
    }
    if (events == null
        || events.isEmpty()
        || events.stream().anyMatch(type -> !WebhookEventTypes.ALL.contains(type))) {
      return Rejection.invalid(
          "invalid_events",
          "The events are a non-empty list of " + String.join(", ", WebhookEventTypes.ALL) + ".");
    }
    if (secret == null || secret.isBlank() || secret.length() > MAX_SECRET) {
      return Rejection.invalid(
          "invalid_secret", "The secret holds 1 to " + MAX_SECRET + " characters, not all blank.");
    }
    return null;
  }

  private static boolean isHttpUrl(String url) {
    if (url == null || url.isBlank() || url.length() > MAX_URL) {
      return false;
    }
    try {
      URI uri = new URI(url.strip());
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null;
    } catch (Exception notAnAddress) {
      return false;
    }
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(Registered.class, (state, registered) -> state.with(registered.webhook()))
        .onEvent(Removed.class, (state, removed) -> state.without(removed.id()))
        .build();
  }
}
