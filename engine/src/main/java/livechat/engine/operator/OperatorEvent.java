package livechat.engine.operator;

import java.time.Instant;
import java.util.List;
import livechat.engine.CborSerializable;

/** What an operator stores: one of these per change, in its journal. */
public sealed interface OperatorEvent extends CborSerializable {

  /** The tag of {@link OperatorRegistered}, from which the read side lists operators. */
  String REGISTERED_TAG = "operator-registered";

  /**
   * The tag of {@link Disconnected}, from which webhooks announce {@code operator.disconnected}.
   */
  String DISCONNECTED_TAG = "operator-disconnected";

  record OperatorRegistered(
      String login, String name, String passwordHash, String mainLanguage, int capacity, Instant at)
      implements OperatorEvent {}

  record AccountUpdated(String name, int capacity, String passwordHash) implements OperatorEvent {}

  record PreferencesUpdated(
      String onlineChatName, String mainLanguage, List<String> chatLanguages, Instant at)
      implements OperatorEvent {}

  record ActivityRecorded(Instant at) implements OperatorEvent {}

  record ChannelJoined(String channelId, Instant at) implements OperatorEvent {}

  record ChannelLeft(String channelId, Instant at) implements OperatorEvent {}

  record Disconnected(String reason, List<String> channels, Instant at) implements OperatorEvent {}

  record ConversationReserved(String conversationId, String channelId, Instant at)
      implements OperatorEvent {}

  record ConversationReleased(String conversationId, Instant at) implements OperatorEvent {}

  /** Tokens issued before carry an older version and no longer work. */
  record TokensRevoked(long version, String reason, Instant at) implements OperatorEvent {}

  record OperatorDisabled(Instant at) implements OperatorEvent {}

  record OperatorEnabled(Instant at) implements OperatorEvent {}
}
