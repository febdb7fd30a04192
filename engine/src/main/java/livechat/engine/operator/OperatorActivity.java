package livechat.engine.operator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator.ChannelsChanged;
import livechat.engine.operator.Operator.CheckInactivity;
import livechat.engine.operator.Operator.Command;
import livechat.engine.operator.Operator.RecordActivity;
import livechat.engine.operator.OperatorEvent.ActivityRecorded;
import livechat.engine.operator.OperatorEvent.Disconnected;
import livechat.engine.operator.OperatorState.Registered;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * When the operator was last active, and the disconnection it falls into after {@code
 * inactivity-timeout} without activity. Activity is written at most once per {@code
 * activity-resolution}; every write goes through {@link #write} so that a disconnection that is due
 * is written first, and told to the operator's channels and sessions.
 */
final class OperatorActivity {

  private static final String INACTIVITY_TIMER = "inactivity";

  private final OperatorEnvironment env;
  private final BiFunction<OperatorState, OperatorEvent, OperatorState> eventHandler;
  private final TimerScheduler<Command> timers;
  private final OperatorSessions sessions;

  /** Activity seen since the last one written (written at most once per activity-resolution). */
  private Instant unwrittenActivity = Instant.MIN;

  OperatorActivity(
      OperatorEnvironment env,
      BiFunction<OperatorState, OperatorEvent, OperatorState> eventHandler,
      TimerScheduler<Command> timers,
      OperatorSessions sessions) {
    this.env = env;
    this.eventHandler = eventHandler;
    this.timers = timers;
    this.sessions = sessions;
  }

  ReplyEffect<OperatorEvent, OperatorState> onRecordActivity(
      Registered state, RecordActivity command) {
    if (state.disabled()) {
      return env.effects().reply(command.replyTo(), StatusReply.ack());
    }
    Instant now = env.clock().instant();
    List<OperatorEvent> events = catchUp(state);
    boolean reconnects = !events.isEmpty() || !state.online();
    if (reconnects
        || !now.isBefore(state.lastActivity().plus(env.settings().activityResolution()))) {
      events.add(new ActivityRecorded(now));
    } else {
      unwrittenActivity = now;
    }
    return write(events)
        .thenRun(this::afterActivity)
        .thenReply(command.replyTo(), after -> StatusReply.ack());
  }

  ReplyEffect<OperatorEvent, OperatorState> onCheckInactivity(
      Registered state, CheckInactivity check) {
    if (!state.online()) {
      return env.effects().none().thenNoReply();
    }
    List<OperatorEvent> events = catchUp(state);
    if (events.isEmpty() && unwrittenActivity.isAfter(state.lastActivity())) {
      events.add(new ActivityRecorded(unwrittenActivity));
    }
    return write(events).thenRun(this::afterActivity).thenNoReply();
  }

  /** The disconnection that is due by now, if any, as events to write before anything else. */
  List<OperatorEvent> catchUp(Registered state) {
    List<OperatorEvent> events = new ArrayList<>();
    Instant now = env.clock().instant();
    if (state.online()
        && !now.isBefore(lastActivity(state).plus(env.settings().inactivityTimeout()))) {
      events.add(new Disconnected("inactivity", state.channels(), now));
    }
    return events;
  }

  /** The last activity, written or not. */
  Instant lastActivity(Registered state) {
    return unwrittenActivity.isAfter(state.lastActivity())
        ? unwrittenActivity
        : state.lastActivity();
  }

  void afterActivity(OperatorState state) {
    if (state instanceof Registered operator) {
      armInactivityTimer(operator);
    }
  }

  void armInactivityTimer(OperatorState state) {
    if (!(state instanceof Registered operator) || !operator.online()) {
      timers.cancel(INACTIVITY_TIMER);
      return;
    }
    Duration untilDue =
        Duration.between(
            env.clock().instant(), lastActivity(operator).plus(env.settings().inactivityTimeout()));
    timers.startSingleTimer(
        INACTIVITY_TIMER, new CheckInactivity(), untilDue.isNegative() ? Duration.ZERO : untilDue);
  }

  /** Writes the events (possibly none); a disconnection among them is told to the channels. */
  EffectBuilder<OperatorEvent, OperatorState> write(List<OperatorEvent> events) {
    return env.effects().persist(events).thenRun(after -> afterDisconnect(events));
  }

  <R> ReplyEffect<OperatorEvent, OperatorState> persistThenReply(
      List<OperatorEvent> events, ActorRef<R> replyTo, Function<OperatorState, R> reply) {
    return write(events).thenReply(replyTo, reply::apply);
  }

  /** The state once the events are applied, before they are written. */
  Registered apply(Registered state, List<OperatorEvent> events) {
    OperatorState result = state;
    for (OperatorEvent event : events) {
      result = eventHandler.apply(result, event);
    }
    return (Registered) result;
  }

  private void afterDisconnect(List<OperatorEvent> events) {
    for (OperatorEvent event : events) {
      if (event instanceof Disconnected disconnected) {
        timers.cancel(INACTIVITY_TIMER);
        sessions.publish(new ChannelsChanged(List.of(), disconnected.reason()));
        for (String channelId : disconnected.channels()) {
          env.directory()
              .channel(channelId)
              .tell(new Channel.RemoveMember(env.operatorId(), disconnected.reason()));
        }
      }
    }
  }
}
