package livechat.engine.operator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import livechat.engine.CborSerializable;

/** What an operator knows between commands, rebuilt from its events. */
public sealed interface OperatorState extends CborSerializable {

  record Unregistered() implements OperatorState {}

  /**
   * A registered operator. {@code conversations} maps each held conversation to its channel (as
   * {@link HeldConversations}, whatever map it is made from); {@code recent} lists the last
   * conversations it was given, newest last, held or not; {@code lastActivity} is the last activity
   * written to the journal.
   */
  record Registered(
      String login,
      String name,
      String passwordHash,
      String onlineChatName,
      String mainLanguage,
      List<String> chatLanguages,
      int capacity,
      List<String> channels,
      Map<String, String> conversations,
      List<String> recent,
      Instant lastActivity,
      boolean online,
      boolean disabled,
      long tokenVersion)
      implements OperatorState {

    public Registered {
      conversations = HeldConversations.of(conversations);
    }

    public String displayName() {
      return onlineChatName == null ? name : onlineChatName;
    }

    public int active() {
      return conversations.size();
    }

    Registered active(Instant at) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          channels,
          conversations,
          recent,
          at,
          true,
          disabled,
          tokenVersion);
    }

    Registered withChannels(List<String> newChannels) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          List.copyOf(newChannels),
          conversations,
          recent,
          lastActivity,
          online,
          disabled,
          tokenVersion);
    }

    HeldConversations held() {
      return (HeldConversations) conversations;
    }

    Registered withConversations(HeldConversations newConversations, List<String> newRecent) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          channels,
          newConversations,
          List.copyOf(newRecent),
          lastActivity,
          online,
          disabled,
          tokenVersion);
    }

    Registered withAccess(boolean newDisabled, long newTokenVersion) {
      return new Registered(
          login,
          name,
          passwordHash,
          onlineChatName,
          mainLanguage,
          chatLanguages,
          capacity,
          channels,
          conversations,
          recent,
          lastActivity,
          online,
          newDisabled,
          newTokenVersion);
    }
  }
}
