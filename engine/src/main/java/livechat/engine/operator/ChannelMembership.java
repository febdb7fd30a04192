package livechat.engine.operator;

import java.util.List;
import livechat.engine.MemberView;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator.ChannelAnswered;
import livechat.engine.operator.Operator.ChannelsChanged;
import livechat.engine.operator.Operator.JoinChannel;
import livechat.engine.operator.Operator.LeaveChannel;
import livechat.engine.operator.OperatorEvent.ChannelJoined;
import livechat.engine.operator.OperatorEvent.ChannelLeft;
import livechat.engine.operator.OperatorState.Registered;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The channels an operator is a member of: joining (confirmed by the channel before the operator
 * hears back), leaving, and keeping every joined channel told of the operator's languages and load.
 */
final class ChannelMembership {

  private final OperatorEnvironment env;
  private final OperatorActivity activity;
  private final OperatorSessions sessions;
  private final OperatorViews views;

  ChannelMembership(
      OperatorEnvironment env,
      OperatorActivity activity,
      OperatorSessions sessions,
      OperatorViews views) {
    this.env = env;
    this.activity = activity;
    this.sessions = sessions;
    this.views = views;
  }

  ReplyEffect<OperatorEvent, OperatorState> onJoinChannel(Registered state, JoinChannel command) {
    if (state.disabled()) {
      return env.effects()
          .reply(
              command.replyTo(),
              StatusReply.error(
                  Rejection.forbidden("operator_disabled", "This operator is disabled.")));
    }
    List<OperatorEvent> events = activity.catchUp(state);
    events.add(new ChannelJoined(command.channelId(), env.clock().instant()));
    return activity
        .write(events)
        .thenRun(
            after -> {
              activity.afterActivity(after);
              Registered operator = (Registered) after;
              env.context()
                  .askWithStatus(
                      Channel.Summary.class,
                      env.directory().channel(command.channelId()),
                      env.settings().askTimeout(),
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
      return env.effects().reply(answer.replyTo(), StatusReply.success(views.profile(state)));
    }
    if (answer.failure() instanceof Rejection rejection
        && rejection.kind() == Rejection.Kind.NOT_FOUND) {
      return env.effects()
          .persist(new ChannelLeft(answer.channelId(), state.lastActivity()))
          .thenReply(answer.replyTo(), after -> StatusReply.error(rejection));
    }
    return env.effects().reply(answer.replyTo(), StatusReply.error(answer.failure()));
  }

  ReplyEffect<OperatorEvent, OperatorState> onLeaveChannel(Registered state, LeaveChannel command) {
    List<OperatorEvent> events = activity.catchUp(state);
    events.add(new ChannelLeft(command.channelId(), env.clock().instant()));
    return activity
        .write(events)
        .thenRun(
            after -> {
              activity.afterActivity(after);
              env.directory()
                  .channel(command.channelId())
                  .tell(new Channel.RemoveMember(env.operatorId(), "left"));
              sessions.publish(new ChannelsChanged(((Registered) after).channels(), "left"));
            })
        .thenReply(command.replyTo(), after -> StatusReply.success(views.profile(after)));
  }

  /** Tells every joined channel this operator's current languages and load. */
  void announceToChannels(Registered state) {
    MemberView view = views.view(state);
    for (String channelId : state.channels()) {
      env.directory().channel(channelId).tell(new Channel.UpdateMember(view, null));
    }
  }
}
