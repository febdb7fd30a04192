package livechat.engine.operator;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator.AssignmentConfirmed;
import livechat.engine.operator.Operator.CheckReservation;
import livechat.engine.operator.Operator.Command;
import livechat.engine.operator.Operator.ConversationGiven;
import livechat.engine.operator.Operator.Offer;
import livechat.engine.operator.Operator.OfferRefused;
import livechat.engine.operator.Operator.Refusal;
import livechat.engine.operator.Operator.ReleaseConversation;
import livechat.engine.operator.Operator.ReservationChecked;
import livechat.engine.operator.OperatorEvent.ConversationReleased;
import livechat.engine.operator.OperatorEvent.ConversationReserved;
import livechat.engine.operator.OperatorState.Registered;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The conversations an operator holds, up to its capacity: an offer reserves a slot, which the
 * conversation confirms by taking the operator, or which is checked with the conversation after
 * {@code reservation-timeout} (and after a restart) and freed if the conversation went elsewhere.
 */
final class Reservations {

  private final OperatorEnvironment env;
  private final TimerScheduler<Command> timers;
  private final OperatorActivity activity;
  private final OperatorSessions sessions;
  private final OperatorViews views;
  private final ChannelMembership membership;

  /** Held conversations whose assignment the conversation has not confirmed yet. */
  private final Set<String> unconfirmed = new HashSet<>();

  Reservations(
      OperatorEnvironment env,
      TimerScheduler<Command> timers,
      OperatorActivity activity,
      OperatorSessions sessions,
      OperatorViews views,
      ChannelMembership membership) {
    this.env = env;
    this.timers = timers;
    this.activity = activity;
    this.sessions = sessions;
    this.views = views;
    this.membership = membership;
  }

  /** After a restart, every held conversation is checked with the conversation again. */
  void checkAllAfterRecovery(Registered state) {
    for (String conversationId : state.conversations().keySet()) {
      unconfirmed.add(conversationId);
      env.context().getSelf().tell(new CheckReservation(conversationId));
    }
  }

  ReplyEffect<OperatorEvent, OperatorState> onOffer(Registered state, Offer offer) {
    List<OperatorEvent> events = activity.catchUp(state);
    Registered current = activity.apply(state, events);
    if (current.conversations().containsKey(offer.conversationId())) {
      return activity.persistThenReply(
          events, offer.replyTo(), after -> views.accepted((Registered) after));
    }
    if (!current.channels().contains(offer.channelId())) {
      return activity.persistThenReply(
          events,
          offer.replyTo(),
          after -> new OfferRefused(env.operatorId(), Refusal.NOT_A_MEMBER, null));
    }
    if (current.active() >= current.capacity()) {
      return activity.persistThenReply(
          events,
          offer.replyTo(),
          after ->
              new OfferRefused(
                  env.operatorId(), Refusal.AT_CAPACITY, views.view((Registered) after)));
    }
    events.add(
        new ConversationReserved(offer.conversationId(), offer.channelId(), env.clock().instant()));
    return activity
        .write(events)
        .thenRun(
            after -> {
              expectConfirmation(offer.conversationId());
              membership.announceToChannels((Registered) after);
            })
        .thenReply(offer.replyTo(), after -> views.accepted((Registered) after));
  }

  ReplyEffect<OperatorEvent, OperatorState> onAssignmentConfirmed(
      Registered state, AssignmentConfirmed confirmed) {
    if (state.conversations().containsKey(confirmed.conversationId())) {
      confirm(confirmed.conversationId());
    }
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<OperatorEvent, OperatorState> onReleaseConversation(
      Registered state, ReleaseConversation command) {
    if (!state.conversations().containsKey(command.conversationId())) {
      return env.effects().reply(command.replyTo(), StatusReply.ack());
    }
    return env.effects()
        .persist(new ConversationReleased(command.conversationId(), env.clock().instant()))
        .thenRun(after -> afterRelease((Registered) after, command.conversationId()))
        .thenReply(command.replyTo(), after -> StatusReply.ack());
  }

  ReplyEffect<OperatorEvent, OperatorState> release(Registered state, String conversationId) {
    if (!state.conversations().containsKey(conversationId)) {
      return env.effects().none().thenNoReply();
    }
    return env.effects()
        .persist(new ConversationReleased(conversationId, env.clock().instant()))
        .thenRun(after -> afterRelease((Registered) after, conversationId))
        .thenNoReply();
  }

  ReplyEffect<OperatorEvent, OperatorState> onCheckReservation(
      Registered state, CheckReservation check) {
    String conversationId = check.conversationId();
    if (state.conversations().containsKey(conversationId) && unconfirmed.contains(conversationId)) {
      env.context()
          .ask(
              Conversation.AssignmentAnswer.class,
              env.directory().conversation(conversationId),
              env.settings().askTimeout(),
              replyTo ->
                  new Conversation.AssignOperator(
                      env.operatorId(),
                      state.displayName(),
                      state.conversations().get(conversationId),
                      replyTo),
              (answer, failure) -> new ReservationChecked(conversationId, answer));
    }
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<OperatorEvent, OperatorState> onReservationChecked(
      Registered state, ReservationChecked checked) {
    if (checked.answer() == null) {
      expectConfirmation(checked.conversationId());
      return env.effects().none().thenNoReply();
    }
    if (checked.answer() instanceof Conversation.Assigned) {
      confirm(checked.conversationId());
      return env.effects().none().thenNoReply();
    }
    unconfirmed.remove(checked.conversationId());
    return release(state, checked.conversationId());
  }

  private void confirm(String conversationId) {
    timers.cancel(reservationTimer(conversationId));
    if (unconfirmed.remove(conversationId)) {
      sessions.publish(new ConversationGiven(conversationId));
    }
  }

  private void expectConfirmation(String conversationId) {
    unconfirmed.add(conversationId);
    timers.startSingleTimer(
        reservationTimer(conversationId),
        new CheckReservation(conversationId),
        env.settings().reservationTimeout());
  }

  private static String reservationTimer(String conversationId) {
    return "reservation-" + conversationId;
  }

  private void afterRelease(Registered state, String conversationId) {
    unconfirmed.remove(conversationId);
    timers.cancel(reservationTimer(conversationId));
    membership.announceToChannels(state);
  }
}
