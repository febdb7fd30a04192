package livechat.engine.pages;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
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
 * The pages a conversation's visitor opened, one entity per conversation (its id), kept apart from
 * the conversation so that page reports never add writes to its messages. It keeps the most recent
 * {@code livechat.pages.kept} pages and takes at most {@code livechat.pages.reports-per-minute}
 * reports a minute, counted in memory.
 */
public final class VisitorPages
    extends EventSourcedBehaviorWithEnforcedReplies<
        VisitorPages.Command, VisitorPages.Event, VisitorPages.State> {

  public static final EntityTypeKey<Command> ENTITY_TYPE_KEY =
      EntityTypeKey.create(Command.class, "VisitorPages");

  public record Page(String url, String title, Instant at) implements CborSerializable {}

  public sealed interface Command extends CborSerializable {}

  /** The visitor opened a page; {@code title} may be null. */
  public record RecordPage(String url, String title, ActorRef<StatusReply<Done>> replyTo)
      implements Command {}

  public record GetPages(ActorRef<StatusReply<Pages>> replyTo) implements Command {}

  /** The pages, most recent first. */
  public record Pages(List<Page> pages) implements CborSerializable {}

  public sealed interface Event extends CborSerializable {}

  public record PageVisited(Page page) implements Event {}

  /** The kept pages, oldest first. */
  public record State(List<Page> pages) implements CborSerializable {

    State plus(Page page, int kept) {
      List<Page> next = new ArrayList<>(pages);
      next.add(page);
      while (next.size() > kept) {
        next.remove(0);
      }
      return new State(List.copyOf(next));
    }

    List<Page> mostRecentFirst() {
      List<Page> reversed = new ArrayList<>(pages);
      Collections.reverse(reversed);
      return List.copyOf(reversed);
    }
  }

  private final PagesSettings settings;
  private final Clock clock;
  private final Deque<Instant> recentReports = new ArrayDeque<>();

  private VisitorPages(String conversationId, PagesSettings settings, Clock clock) {
    super(PersistenceId.of(ENTITY_TYPE_KEY.name(), conversationId));
    this.settings = settings;
    this.clock = clock;
  }

  public static Behavior<Command> create(
      String conversationId, PagesSettings settings, Clock clock) {
    return new VisitorPages(conversationId, settings, clock);
  }

  public static void init(ActorSystem<?> system, Clock clock) {
    PagesSettings settings = PagesSettings.fromConfig(system.settings().config());
    ClusterSharding.get(system)
        .init(
            Entity.of(ENTITY_TYPE_KEY, context -> create(context.getEntityId(), settings, clock)));
  }

  public static EntityRef<Command> entity(ActorSystem<?> system, String conversationId) {
    return ClusterSharding.get(system).entityRefFor(ENTITY_TYPE_KEY, conversationId);
  }

  @Override
  public State emptyState() {
    return new State(List.of());
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(settings.kept(), 2);
  }

  @Override
  public CommandHandlerWithReply<Command, Event, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(RecordPage.class, this::onRecordPage)
        .onCommand(
            GetPages.class,
            (state, get) ->
                Effect()
                    .reply(get.replyTo(), StatusReply.success(new Pages(state.mostRecentFirst()))))
        .build();
  }

  private ReplyEffect<Event, State> onRecordPage(State state, RecordPage record) {
    Instant now = clock.instant();
    if (!mayRecord(now)) {
      return Effect()
          .reply(
              record.replyTo(),
              StatusReply.error(
                  Rejection.rateLimited(
                      "rate_limited",
                      "Too many page reports for this conversation; try again in a minute.")));
    }
    return Effect()
        .persist(new PageVisited(new Page(record.url(), record.title(), now)))
        .thenReply(record.replyTo(), after -> StatusReply.ack());
  }

  /** Counts a report against the per-minute limit; false when over it. */
  private boolean mayRecord(Instant now) {
    Instant minuteAgo = now.minus(Duration.ofMinutes(1));
    while (!recentReports.isEmpty() && !recentReports.peekFirst().isAfter(minuteAgo)) {
      recentReports.pollFirst();
    }
    if (recentReports.size() >= settings.reportsPerMinute()) {
      return false;
    }
    recentReports.addLast(now);
    return true;
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PageVisited.class, (state, visited) -> state.plus(visited.page(), settings.kept()))
        .build();
  }
}
