package livechat.engine.operator;

import java.time.Clock;
import java.util.List;
import livechat.engine.EngineSettings;
import livechat.engine.EntityDirectory;
import livechat.engine.MemberView;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator.ChannelAnswered;
import livechat.engine.operator.Operator.ChannelsChanged;
import livechat.engine.operator.Operator.Command;
import livechat.engine.operator.Operator.JoinChannel;
import livechat.engine.operator.Operator.LeaveChannel;
import livechat.engine.operator.OperatorEvent.ChannelJoined;
import livechat.engine.operator.OperatorEvent.ChannelLeft;
import livechat.engine.operator.OperatorState.Registered;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The channels an operator is a member of: joining (confirmed by the channel before the operator
 * hears back), leaving, and keeping every joined channel told of the operator's languages and load.
 */
final class ChannelMembership {

  private final String operatorId;
  private final EffectFactories<OperatorEvent, OperatorState> effects;
  private final ActorContext<Command> context;
  private final EntityDirectory directory;
  private final EngineSettings settings;
  private final Clock clock;
  private final OperatorActivity activity;
  private final OperatorSessions sessions;
  private final OperatorViews views;

  ChannelMembership(
      String operatorId,
      EffectFactories<OperatorEvent, OperatorState> effects,
      ActorContext<Command> context,
      EntityDirectory directory,
      EngineSettings settings,
      Clock clock,
      OperatorActivity activity,
      OperatorSessions sessions,
      OperatorViews views) {
    this.operatorId = operatorId;
    this.effects = effects;
    this.context = context;
    this.directory = directory;
    this.settings = settings;
    this.clock = clock;
    this.activity = activity;
    this.sessions = sessions;
    this.views = views;
  }

  ReplyEffect<OperatorEvent, OperatorState> onJoinChannel(Registered state, JoinChannel command) {
    if (state.disabled()) {
      return effects.reply(
          command.replyTo(),
          StatusReply.error(
              Rejection.forbidden("operator_disabled", "This operator is disabled.")));
    }
    List<OperatorEvent> events = activity.catchUp(state);
    events.add(new ChannelJoined(command.channelId(), clock.instant()));
    return activity
        .write(events)
        .thenRun(
            after -> {
              activity.afterActivity(after);
              Registered operator = (Registered) after;
              context.askWithStatus(
                  Channel.Summary.class,
                  directory.channel(command.channelId()),
                  settings.askTimeout(),
                  replyTo -> new Channel.UpdateMember(views.view(operator), replyTo),
                  (summary, failure) ->
                      new ChannelAnswered(command.channelId(), command.replyTo(), failure));
            })
        .thenNoReply();
  }

  ReplyEffect<OperatorEvent, OperatorState> onChannelAnswered(
      Registered state, ChannelAnswered answer) {
    if (answer.failure() == null) {
      sessions.publish(new ChannelsChanged(state.channels(), "joined"));
      return effects.reply(answer.replyTo(), StatusReply.success(views.profile(state)));
    }
    if (answer.failure() instanceof Rejection rejection
        && rejection.kind() == Rejection.Kind.NOT_FOUND) {
      return effects
          .persist(new ChannelLeft(answer.channelId(), state.lastActivity()))
          .thenReply(answer.replyTo(), after -> StatusReply.error(rejection));
    }
    return effects.reply(answer.replyTo(), StatusReply.error(answer.failure()));
  }

  ReplyEffect<OperatorEvent, OperatorState> onLeaveChannel(Registered state, LeaveChannel command) {
    List<OperatorEvent> events = activity.catchUp(state);
    events.add(new ChannelLeft(command.channelId(), clock.instant()));
    return activity
        .write(events)
        .thenRun(
            after -> {
              activity.afterActivity(after);
              directory
                  .channel(command.channelId())
                  .tell(new Channel.RemoveMember(operatorId, "left"));
              sessions.publish(new ChannelsChanged(((Registered) after).channels(), "left"));
            })
        .thenReply(command.replyTo(), after -> StatusReply.success(views.profile(after)));
  }

  /** Tells every joined channel this operator's current languages and load. */
  void announceToChannels(Registered state) {
    MemberView view = views.view(state);
    for (String channelId : state.channels()) {
      directory.channel(channelId).tell(new Channel.UpdateMember(view, null));
    }
  }
}
