package livechat.engine.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import livechat.engine.Rejection;
import livechat.engine.TokenRevocations;
import livechat.engine.conversation.Conversation;
import livechat.engine.operator.Operator.Credentials;
import livechat.engine.operator.Operator.GetCredentials;
import livechat.engine.operator.Operator.GetProfile;
import livechat.engine.operator.Operator.GetTokenVersion;
import livechat.engine.operator.Operator.Register;
import livechat.engine.operator.Operator.RevokeTokens;
import livechat.engine.operator.Operator.TokenVersion;
import livechat.engine.operator.Operator.TokensEnded;
import livechat.engine.operator.Operator.UpdateAccount;
import livechat.engine.operator.Operator.UpdatePreferences;
import livechat.engine.operator.OperatorEvent.AccountUpdated;
import livechat.engine.operator.OperatorEvent.Disconnected;
import livechat.engine.operator.OperatorEvent.OperatorDisabled;
import livechat.engine.operator.OperatorEvent.OperatorEnabled;
import livechat.engine.operator.OperatorEvent.OperatorRegistered;
import livechat.engine.operator.OperatorEvent.PreferencesUpdated;
import livechat.engine.operator.OperatorEvent.TokensRevoked;
import livechat.engine.operator.OperatorState.Registered;
import livechat.engine.operator.OperatorState.Unregistered;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * An operator's account and profile: registration, name, password and capacity, its chat name and
 * languages, being disabled or enabled, and the version of its tokens, which a revocation raises.
 */
final class OperatorAccount {

  private final OperatorEnvironment env;
  private final OperatorActivity activity;
  private final OperatorSessions sessions;
  private final OperatorViews views;
  private final ChannelMembership membership;

  OperatorAccount(
      OperatorEnvironment env,
      OperatorActivity activity,
      OperatorSessions sessions,
      OperatorViews views,
      ChannelMembership membership) {
    this.env = env;
    this.activity = activity;
    this.sessions = sessions;
    this.views = views;
    this.membership = membership;
  }

  ReplyEffect<OperatorEvent, OperatorState> onRegister(Unregistered state, Register command) {
    Instant now = env.clock().instant();
    int capacity =
        command.capacity() == null ? env.settings().defaultCapacity() : command.capacity();
    Rejection invalid =
        firstProblem(
            blank(command.login(), "The login must not be empty."),
            blank(command.name(), "The name must not be empty."),
            blank(command.passwordHash(), "The password must not be empty."),
            capacity < 1 ? invalidOperator("The capacity must be at least 1.") : null,
            notEnabled(List.of(nullToEmpty(command.mainLanguage())), command.enabledLanguages()));
    if (invalid != null) {
      return env.effects().reply(command.replyTo(), StatusReply.error(invalid));
    }
    return env.effects()
        .persist(
            new OperatorRegistered(
                command.login(),
                command.name().trim(),
                command.passwordHash(),
                command.mainLanguage(),
                capacity,
                now))
        .thenRun(activity::armInactivityTimer)
        .thenReply(command.replyTo(), after -> StatusReply.success(views.profile(after)));
  }

  ReplyEffect<OperatorEvent, OperatorState> onRegisterAgain(Registered state, Register command) {
    return env.effects()
        .reply(
            command.replyTo(),
            StatusReply.error(
                Rejection.conflict("operator_exists", "This operator is already registered.")));
  }

  ReplyEffect<OperatorEvent, OperatorState> onGetProfile(Registered state, GetProfile command) {
    return activity.persistThenReply(
        activity.catchUp(state),
        command.replyTo(),
        after -> StatusReply.success(views.profile(after)));
  }

  ReplyEffect<OperatorEvent, OperatorState> onGetCredentials(
      Registered state, GetCredentials command) {
    return env.effects()
        .reply(
            command.replyTo(),
            StatusReply.success(
                new Credentials(state.passwordHash(), state.disabled(), state.tokenVersion())));
  }

  ReplyEffect<OperatorEvent, OperatorState> onGetTokenVersion(
      Registered state, GetTokenVersion command) {
    return env.effects()
        .reply(command.replyTo(), StatusReply.success(new TokenVersion(state.tokenVersion())));
  }

  ReplyEffect<OperatorEvent, OperatorState> onUpdateAccount(
      Registered state, UpdateAccount command) {
    String name = command.name() == null ? state.name() : command.name().trim();
    int capacity = command.capacity() == null ? state.capacity() : command.capacity();
    String passwordHash =
        command.passwordHash() == null ? state.passwordHash() : command.passwordHash();
    Rejection invalid =
        firstProblem(
            blank(name, "The name must not be empty."),
            capacity < 1 ? invalidOperator("The capacity must be at least 1.") : null,
            blank(passwordHash, "The password must not be empty."));
    if (invalid != null) {
      return env.effects().reply(command.replyTo(), StatusReply.error(invalid));
    }
    List<OperatorEvent> events = activity.catchUp(state);
    events.add(new AccountUpdated(name, capacity, passwordHash));
    events.addAll(accessChanges(activity.apply(state, events), command));
    String displayNameBefore = state.displayName();
    return activity
        .write(events)
        .thenRun(
            after -> {
              afterProfileChange((Registered) after, displayNameBefore);
              afterRevocation((Registered) after, events);
            })
        .thenReply(command.replyTo(), after -> StatusReply.success(views.profile(after)));
  }

  /**
   * Disabling leaves every channel and ends the tokens; enabling lets the operator log in again. A
   * new password ends the tokens too.
   */
  private List<OperatorEvent> accessChanges(Registered current, UpdateAccount command) {
    Instant now = env.clock().instant();
    List<OperatorEvent> events = new ArrayList<>();
    long version = current.tokenVersion();
    if (Boolean.TRUE.equals(command.disabled()) && !current.disabled()) {
      if (current.online() || !current.channels().isEmpty()) {
        events.add(new Disconnected("disabled", current.channels(), now));
      }
      events.add(new OperatorDisabled(now));
      events.add(new TokensRevoked(version + 1, "disabled", now));
    } else if (Boolean.FALSE.equals(command.disabled()) && current.disabled()) {
      events.add(new OperatorEnabled(now));
    }
    if (command.passwordHash() != null
        && events.stream().noneMatch(TokensRevoked.class::isInstance)) {
      events.add(new TokensRevoked(version + 1, "password_changed", now));
    }
    return events;
  }

  ReplyEffect<OperatorEvent, OperatorState> onRevokeTokens(Registered state, RevokeTokens command) {
    List<OperatorEvent> events = activity.catchUp(state);
    events.add(
        new TokensRevoked(state.tokenVersion() + 1, command.reason(), env.clock().instant()));
    return activity
        .write(events)
        .thenRun(after -> afterRevocation((Registered) after, events))
        .thenReply(
            command.replyTo(),
            after -> StatusReply.success(new TokenVersion(((Registered) after).tokenVersion())));
  }

  /** Tells the operator's sessions, and every node's cache of token versions, of a revocation. */
  private void afterRevocation(Registered state, List<OperatorEvent> events) {
    for (OperatorEvent event : events) {
      if (event instanceof TokensRevoked revoked) {
        sessions.publish(new TokensEnded(state.tokenVersion(), revoked.reason()));
        TokenRevocations.get(env.context().getSystem())
            .publish(env.operatorId(), state.tokenVersion());
      }
    }
  }

  ReplyEffect<OperatorEvent, OperatorState> onUpdatePreferences(
      Registered state, UpdatePreferences command) {
    String onlineChatName =
        command.changeOnlineChatName()
            ? blankToNull(command.onlineChatName())
            : state.onlineChatName();
    String mainLanguage =
        command.mainLanguage() == null ? state.mainLanguage() : command.mainLanguage();
    List<String> chatLanguages =
        command.chatLanguages() == null
            ? state.chatLanguages()
            : List.copyOf(new LinkedHashSet<>(command.chatLanguages()));
    List<String> chosen = new ArrayList<>(chatLanguages);
    chosen.add(0, mainLanguage);
    Rejection invalid = notEnabled(chosen, command.enabledLanguages());
    if (invalid != null) {
      return env.effects().reply(command.replyTo(), StatusReply.error(invalid));
    }
    List<OperatorEvent> events = activity.catchUp(state);
    events.add(
        new PreferencesUpdated(onlineChatName, mainLanguage, chatLanguages, env.clock().instant()));
    String displayNameBefore = state.displayName();
    return activity
        .write(events)
        .thenRun(after -> afterProfileChange((Registered) after, displayNameBefore))
        .thenReply(command.replyTo(), after -> StatusReply.success(views.profile(after)));
  }

  /** Channels hear of the new languages and load; held conversations of a new display name. */
  private void afterProfileChange(Registered state, String displayNameBefore) {
    activity.armInactivityTimer(state);
    membership.announceToChannels(state);
    if (!state.displayName().equals(displayNameBefore)) {
      for (String conversationId : state.conversations().keySet()) {
        env.directory()
            .conversation(conversationId)
            .tell(new Conversation.RenameOperator(env.operatorId(), state.displayName()));
      }
    }
  }

  private static Rejection notEnabled(List<String> languages, Set<String> enabled) {
    for (String language : languages) {
      if (!enabled.contains(language)) {
        return Rejection.invalid(
            "language_not_enabled",
            "'"
                + language
                + "' is not an enabled language; enabled are "
                + String.join(", ", enabled.stream().sorted().toList())
                + ".");
      }
    }
    return null;
  }

  private static Rejection firstProblem(Rejection... problems) {
    for (Rejection problem : problems) {
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static Rejection blank(String value, String problem) {
    return value == null || value.isBlank() ? invalidOperator(problem) : null;
  }

  private static Rejection invalidOperator(String reason) {
    return Rejection.invalid("invalid_operator", reason);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }

  private static String nullToEmpty(String value) {
    return value == null ? "" : value;
  }
}
