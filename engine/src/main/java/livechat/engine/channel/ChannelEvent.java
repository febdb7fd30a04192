package livechat.engine.channel;

import java.time.Instant;
import livechat.engine.CborSerializable;
import livechat.engine.MemberView;

/** What a channel stores: one of these per change, in its journal. */
public sealed interface ChannelEvent extends CborSerializable {

  record Created(String name, Instant at) implements ChannelEvent {}

  /** {@code startedAt}: when the visitor started the conversation (null in older events). */
  record ConversationQueued(
      String conversationId, String language, int visitorNumber, Instant at, Instant startedAt)
      implements ChannelEvent {}

  record ConversationAssigned(String conversationId, String operatorId, Instant at)
      implements ChannelEvent {}

  record ConversationLeftQueue(String conversationId, Instant at) implements ChannelEvent {}

  record MemberUpdated(MemberView view, Instant at) implements ChannelEvent {}

  record MemberRemoved(String operatorId, String reason, Instant at) implements ChannelEvent {}
}
