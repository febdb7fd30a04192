package livechat.engine.channel;

import static livechat.engine.channel.Channel.POSITION_UPDATE_DELAY;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import livechat.engine.Router;
import livechat.engine.channel.Channel.Command;
import livechat.engine.channel.Channel.DrainQueue;
import livechat.engine.channel.Channel.OfferAnswered;
import livechat.engine.channel.Channel.OpenedWithOperator;
import livechat.engine.channel.Channel.Start;
import livechat.engine.channel.Channel.Started;
import livechat.engine.channel.Channel.TellPositions;
import livechat.engine.channel.ChannelEvent.ConversationAssigned;
import livechat.engine.channel.ChannelEvent.MemberRemoved;
import livechat.engine.channel.ChannelState.Open;
import livechat.engine.channel.ChannelState.Waiting;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * Draining the channel's queue: the offers in flight to members, their answers, the accepted
 * conversations whose assignment is not stored yet, the starters waiting to hear what became of
 * their conversation, and telling waiting conversations their positions. A new conversation that
 * finds nobody waiting is offered before it is opened, and opened with the operator that accepts
 * it: one write of the conversation and none of the channel.
 */
final class QueueRouting {

  private final ChannelEnvironment env;
  private final TimerScheduler<Command> timers;
  private final BatchedWrites writes;
  private final MemberLoads loads;
  private final Router router;

  private OffersInFlight offers = new OffersInFlight();

  /** Accepted conversations whose assignment is not stored yet. */
  private final Set<String> assigning = new HashSet<>();

  private boolean drainScheduled;

  /**
   * The first queue index whose position changed since the waiting conversations were last told, or
   * {@link Integer#MAX_VALUE} when they all know.
   */
  private int positionsChangedFrom = Integer.MAX_VALUE;

  /** Starters waiting to hear what became of their conversation. */
  private final Map<String, ActorRef<StatusReply<Started>>> starters = new HashMap<>();

  /** New conversations offered to a member at their start, before they were opened. */
  private final Map<String, Start> offeredAtStart = new HashMap<>();

  /** Where a start goes that its member refused: into the queue. */
  private final Consumer<Start> queueInstead;

  QueueRouting(
      ChannelEnvironment env,
      TimerScheduler<Command> timers,
      BatchedWrites writes,
      MemberLoads loads,
      Consumer<Start> queueInstead) {
    this.env = env;
    this.timers = timers;
    this.writes = writes;
    this.loads = loads;
    this.queueInstead = queueInstead;
    this.router = new Router(env.settings().languageLoadTolerance());
  }

  /**
   * After a restart the timers were cancelled and offers may be answered to nobody. Starters of
   * conversations not stored hear nothing and time out.
   */
  void forget() {
    drainScheduled = false;
    assigning.clear();
    offeredAtStart.clear();
    offers = new OffersInFlight();
    positionsChangedFrom = Integer.MAX_VALUE;
  }

  /** The starter hears what became of the conversation after the next routing attempt. */
  void awaitStarter(String conversationId, ActorRef<StatusReply<Started>> starter) {
    starters.put(conversationId, starter);
  }

  /** A refusal by the operator from before it had room no longer holds. */
  void hasRoomAgain(String operatorId) {
    offers.hasRoomAgain(operatorId);
  }

  /** The member left the channel: routing keeps nothing of it but the answers of offers out. */
  void memberLeft(String operatorId) {
    loads.removed(operatorId);
    offers.memberLeft(operatorId);
  }

  void drainSoon() {
    if (!drainScheduled) {
      drainScheduled = true;
      env.context().getSelf().tell(new DrainQueue());
    }
  }

  /**
   * Offers waiting conversations, in queue order, each to the best member that has room counting
   * the offers already out, until the offers in flight reach their maximum or nobody has room. The
   * starters of conversations left without an offer hear that they wait.
   */
  ReplyEffect<ChannelEvent, ChannelState> drain(Open state) {
    drainScheduled = false;
    List<Waiting> queue = state.queue();
    List<Router.Candidate> members = null;
    int index = 0;
    for (; index < queue.size(); index++) {
      Waiting waiting = queue.get(index);
      if (offers.isOffered(waiting.conversationId())
          || assigning.contains(waiting.conversationId())) {
        continue;
      }
      if (offers.size() >= env.settings().maxOffersInFlight()) {
        break;
      }
      if (members == null) {
        members = loads.current(state.members().values());
      }
      Optional<Router.Candidate> best = router.best(offers.candidates(members), waiting.language());
      if (best.isEmpty()) {
        offers.forgetRefusals();
        break;
      }
      offer(waiting.conversationId(), best.get().view().operatorId());
    }
    answerWaitingStarters(state, index);
    return env.effects().none().thenNoReply();
  }

  /**
   * Offers a new conversation, before it is opened, to the best member with room counting the
   * offers out, and wakes the conversation so that it is ready when the answer comes. False when
   * the offers in flight are at their maximum or nobody has room: then it waits in the queue.
   */
  boolean offerAtStart(Open state, Start start) {
    if (offers.size() >= env.settings().maxOffersInFlight()) {
      return false;
    }
    Optional<Router.Candidate> best =
        router.best(
            offers.candidates(loads.current(state.members().values())), start.visitor().language());
    if (best.isEmpty()) {
      return false;
    }
    offeredAtStart.put(start.conversationId(), start);
    offer(start.conversationId(), best.get().view().operatorId());
    env.directory().conversation(start.conversationId()).tell(new Conversation.Prepare());
    return true;
  }

  private void offer(String conversationId, String operatorId) {
    offers.offer(conversationId, operatorId, env.clock().instant());
    env.context()
        .ask(
            Operator.OfferAnswer.class,
            env.directory().operator(operatorId),
            env.settings().offerTimeout(),
            replyTo -> new Operator.Offer(conversationId, env.channelId(), replyTo),
            (answer, failure) -> new OfferAnswered(conversationId, operatorId, answer));
  }

  ReplyEffect<ChannelEvent, ChannelState> onOfferAnswered(Open state, OfferAnswered answered) {
    List<OffersInFlight.Answered> due =
        offers.answer(answered.conversationId(), answered.operatorId(), answered.answer());
    if (due.isEmpty()) {
      return env.effects().none().thenNoReply();
    }
    Instant now = env.clock().instant();
    List<ChannelEvent> events = new ArrayList<>();
    List<Consumer<Open>> then = new ArrayList<>();
    for (OffersInFlight.Answered answer : due) {
      String operatorId = answer.operatorId();
      Start start = offeredAtStart.remove(answer.conversationId());
      if (answer.answer() instanceof Operator.OfferAccepted accepted && start != null) {
        openWithOperator(start, operatorId, accepted);
        continue;
      }
      if (start != null) {
        queueInstead.accept(start);
      }
      if (answer.answer() instanceof Operator.OfferAccepted accepted) {
        String conversationId = answer.conversationId();
        int position = state.position(conversationId);
        Waiting waiting = position > 0 ? state.queue().get(position - 1) : null;
        assigning.add(conversationId);
        events.addAll(loads.heard(state, accepted.view(), now));
        loads.assigned(operatorId, now);
        events.add(new ConversationAssigned(conversationId, operatorId, now));
        then.add(
            after -> {
              assigning.remove(conversationId);
              if (waiting != null) {
                observeAssignment(waiting, after, now);
                positionsChanged(position - 1);
              }
              assign(conversationId, operatorId, accepted.displayName());
            });
      } else {
        offers.refused(operatorId);
        if (answer.answer() instanceof Operator.OfferRefused refused) {
          if (refused.view() != null) {
            events.addAll(loads.heard(state, refused.view(), now));
          } else if (state.members().containsKey(operatorId)) {
            memberLeft(operatorId);
            events.add(new MemberRemoved(operatorId, refused.reason().name(), now));
          }
        }
      }
      offers.viewHeard(operatorId);
    }
    return writes.writeSoon(
        events,
        after -> {
          then.forEach(action -> action.accept(after));
          drainSoon();
        });
  }

  /** Opens the conversation offered at its start with the operator that accepted it. */
  private void openWithOperator(Start start, String operatorId, Operator.OfferAccepted accepted) {
    env.context()
        .askWithStatus(
            Done.class,
            env.directory().conversation(start.conversationId()),
            env.settings().askTimeout(),
            replyTo ->
                new Conversation.Open(
                    env.channelId(), start.visitor(), operatorId, accepted.displayName(), replyTo),
            (done, failure) -> new OpenedWithOperator(start, operatorId, accepted, failure));
  }

  /**
   * Tells the starter of the conversation opened with its operator: nothing in the channel's queue
   * changed, and the operator's view and the time of its assignment are kept in memory ({@link
   * MemberLoads}). The operator's view counts either way: it holds the slot until it finds the
   * conversation did not open ({@code reservation-timeout}).
   */
  ReplyEffect<ChannelEvent, ChannelState> onOpenedWithOperator(
      Open state, OpenedWithOperator opened) {
    Instant now = env.clock().instant();
    Start start = opened.start();
    List<ChannelEvent> events = loads.heard(state, opened.accepted().view(), now);
    offers.viewHeard(opened.operatorId());
    if (opened.failure() != null) {
      start.replyTo().tell(StatusReply.error(opened.failure()));
    } else {
      loads.assigned(opened.operatorId(), now);
      env.observer().conversationStarted(env.channelId());
      env.observer()
          .conversationAssigned(
              env.channelId(), Duration.between(start.startedAt(), now), Duration.ZERO);
      start
          .replyTo()
          .tell(
              StatusReply.success(
                  Started.active(start.conversationId(), opened.accepted().displayName())));
    }
    drainSoon();
    return events.isEmpty()
        ? env.effects().none().thenNoReply()
        : writes.writeSoon(events, after -> {});
  }

  /** Tells the conversation its operator, and its starter, if waiting, what became of it. */
  private void assign(String conversationId, String operatorId, String displayName) {
    env.directory()
        .conversation(conversationId)
        .tell(new Conversation.AssignOperator(operatorId, displayName, env.channelId(), null));
    ActorRef<StatusReply<Started>> starter = starters.remove(conversationId);
    if (starter != null) {
      starter.tell(StatusReply.success(Started.active(conversationId, displayName)));
    }
  }

  /** Starters of conversations from this queue index on without an offer learn that they wait. */
  private void answerWaitingStarters(Open state, int fromIndex) {
    if (starters.isEmpty()) {
      return;
    }
    for (int i = fromIndex; i < state.queue().size(); i++) {
      String conversationId = state.queue().get(i).conversationId();
      if (offers.isOffered(conversationId) || assigning.contains(conversationId)) {
        continue;
      }
      ActorRef<StatusReply<Started>> starter = starters.remove(conversationId);
      if (starter != null) {
        starter.tell(StatusReply.success(Started.waiting(conversationId, i + 1)));
      }
    }
  }

  /**
   * Positions changed from this queue index on. The waiting conversations are told once, a moment
   * later ({@link Channel#POSITION_UPDATE_DELAY}), so that a burst of assignments sends each
   * waiting conversation one update rather than one per conversation ahead of it.
   */
  void positionsChanged(int fromIndex) {
    if (positionsChangedFrom == Integer.MAX_VALUE) {
      timers.startSingleTimer(new TellPositions(), POSITION_UPDATE_DELAY);
    }
    positionsChangedFrom = Math.min(positionsChangedFrom, fromIndex);
  }

  ReplyEffect<ChannelEvent, ChannelState> onTellPositions(Open state, TellPositions tell) {
    tellPositions(state, positionsChangedFrom);
    positionsChangedFrom = Integer.MAX_VALUE;
    return env.effects().none().thenNoReply();
  }

  /** Tells each queued conversation from the index on its new position. */
  void tellPositions(Open state, int fromIndex) {
    for (int i = Math.max(fromIndex, 0); i < state.queue().size(); i++) {
      env.directory()
          .conversation(state.queue().get(i).conversationId())
          .tell(new Conversation.QueuePositionChanged(i + 1));
    }
  }

  private void observeAssignment(Waiting assigned, Open after, Instant now) {
    if (assigned.queuedAt() != null) {
      env.observer()
          .conversationAssigned(
              env.channelId(),
              Duration.between(assigned.startedAt(), now),
              Duration.between(assigned.queuedAt(), now));
    }
    env.observer().queueLength(env.channelId(), after.queue().size());
  }
}
