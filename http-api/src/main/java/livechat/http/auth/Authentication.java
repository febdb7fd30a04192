package livechat.http.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.function.Supplier;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.operator.Operator;
import livechat.http.OncePerInterval;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.headers.OAuth2BearerToken;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Who may call what: the admin token for admin routes, an operator token for operator routes, an
 * operator or the visitor of that conversation for a conversation. A missing, bad, expired or
 * revoked token is a 401 (an operator's token is revoked by a logout, disabling or a new password:
 * see {@link TokenVersions}); a visitor's token used on another conversation is a 403. An
 * operator's requests that change something count as its activity; reads do not, so that a page
 * left open and polling does not keep an operator online.
 */
public final class Authentication extends AllDirectives {

  private final byte[] adminToken;
  private final Tokens tokens;
  private final ActorSystem<?> system;
  private final EntityDirectory directory;
  private final OncePerInterval activityReports;
  private final TokenVersions versions;

  public Authentication(
      String adminToken, Tokens tokens, ActorSystem<?> system, EntityDirectory directory) {
    if (adminToken == null || adminToken.isBlank()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    this.tokens = tokens;
    this.system = system;
    this.directory = directory;
    this.activityReports =
        new OncePerInterval(
            activityInterval(
                system.settings().config().getDuration("livechat.operator.activity-resolution")));
    this.versions =
        new TokenVersions(
            system,
            directory,
            system.settings().config().getDuration("livechat.http.ask-timeout"),
            system.settings().config().getDuration("livechat.auth.token-version-cache-ttl"));
  }

  /**
   * How often this node passes an operator's activity on to its entity: a tenth of the activity
   * resolution, at most 5 s, so that a busy operator's every frame and request does not become a
   * message to its entity. The entity writes activity once per resolution, so the interval costs no
   * precision worth having.
   */
  static Duration activityInterval(Duration activityResolution) {
    Duration tenth = activityResolution.dividedBy(10);
    Duration most = Duration.ofSeconds(5);
    return tenth.compareTo(most) < 0 ? tenth : most;
  }

  public Tokens tokens() {
    return tokens;
  }

  /**
   * The caller a token stands for: the admin, an operator or a visitor; an UNAUTHORIZED {@link
   * Rejection} saying why the token does not work otherwise.
   */
  public CompletionStage<Caller> caller(String token) {
    if (token == null) {
      return CompletableFuture.failedFuture(missingToken());
    }
    if (MessageDigest.isEqual(adminToken, token.getBytes(StandardCharsets.UTF_8))) {
      return CompletableFuture.completedFuture(new Caller.Admin());
    }
    Caller caller;
    try {
      caller = tokens.verify(token);
    } catch (Rejection invalid) {
      return CompletableFuture.failedFuture(invalid);
    }
    return stillValid(caller)
        .thenApply(
            valid -> {
              if (!valid) {
                throw revoked();
              }
              return caller;
            });
  }

  /**
   * Whether the caller's token still works: an operator's until its operator logs out, is disabled
   * or gets a new password (expiry is not checked here).
   */
  public CompletionStage<Boolean> stillValid(Caller caller) {
    if (caller instanceof Caller.Operator operator) {
      return versions.isCurrent(operator.operatorId(), operator.tokenVersion());
    }
    return CompletableFuture.completedFuture(true);
  }

  /**
   * The operator's token version as its entity just answered it (after a logout or an account
   * change): this node refuses older tokens from now on, without waiting for the announcement.
   */
  public void tokenVersionIs(String operatorId, long tokenVersion) {
    versions.remember(operatorId, tokenVersion);
  }

  /** How long until the caller's token expires; empty for the admin's, which does not. */
  public Optional<Duration> untilExpiry(Caller caller) {
    if (caller instanceof Caller.Operator operator) {
      return Optional.of(tokens.until(operator.expiresAt()));
    }
    if (caller instanceof Caller.Visitor visitor) {
      return Optional.of(tokens.until(visitor.expiresAt()));
    }
    return Optional.empty();
  }

  public Route admin(Supplier<Route> inner) {
    return withCaller(
        caller ->
            caller instanceof Caller.Admin
                ? inner.get()
                : failWith(forbidden("This request needs the admin token.")));
  }

  /** Runs the inner route for an operator, with its id; records its activity. */
  public Route operator(Function<String, Route> inner) {
    return operatorOnly(operator -> activity(operator, () -> inner.apply(operator.operatorId())));
  }

  /** Runs the inner route for an operator, with its id, without counting it as activity. */
  public Route operatorWithoutActivity(Function<String, Route> inner) {
    return operatorOnly(operator -> inner.apply(operator.operatorId()));
  }

  private Route operatorOnly(Function<Caller.Operator, Route> inner) {
    return withCaller(
        caller -> {
          if (caller instanceof Caller.Operator operator) {
            return inner.apply(operator);
          }
          return failWith(forbidden("This request needs an operator's token."));
        });
  }

  /** Runs the inner route for an operator (its id) or the admin (no id). */
  public Route operatorOrAdmin(Function<Optional<String>, Route> inner) {
    return withCaller(
        caller -> {
          if (caller instanceof Caller.Operator operator) {
            return activity(operator, () -> inner.apply(Optional.of(operator.operatorId())));
          }
          if (caller instanceof Caller.Admin) {
            return inner.apply(Optional.empty());
          }
          return failWith(forbidden("This request needs an operator's or the admin's token."));
        });
  }

  /**
   * Runs the inner route for a participant of the conversation: an operator (the conversation
   * itself refuses operators it is not assigned to) or the visitor whose token opened it.
   */
  public Route participant(String conversationId, Function<Participant, Route> inner) {
    return withCaller(
        caller -> {
          Optional<Participant> participant = participantOf(caller, conversationId);
          if (participant.isEmpty()) {
            return failWith(forbidden("This token does not open this conversation."));
          }
          return caller instanceof Caller.Operator operator
              ? activity(operator, () -> inner.apply(participant.get()))
              : inner.apply(participant.get());
        });
  }

  /** The participant a caller is in a conversation, if any. */
  public Optional<Participant> participantOf(Caller caller, String conversationId) {
    if (caller instanceof Caller.Operator operator) {
      return Optional.of(Participant.operator(operator.operatorId()));
    }
    if (caller instanceof Caller.Visitor visitor
        && visitor.conversationId().equals(conversationId)) {
      return Optional.of(Participant.visitor());
    }
    return Optional.empty();
  }

  /** Records the operator's activity unless the request only reads. */
  private Route activity(Caller.Operator operator, Supplier<Route> inner) {
    return extractMethod(
        method -> {
          if (!method.equals(HttpMethods.GET) && !method.equals(HttpMethods.HEAD)) {
            recordActivity(operator.operatorId());
          }
          return inner.get();
        });
  }

  public void recordActivity(String operatorId) {
    if (activityReports.due(operatorId)) {
      directory.operator(operatorId).tell(new Operator.RecordActivity(system.ignoreRef()));
    }
  }

  private Route withCaller(Function<Caller, Route> inner) {
    return optionalHeaderValueByType(
        Authorization.class,
        header -> {
          Optional<String> token =
              header
                  .map(Authorization::credentials)
                  .filter(OAuth2BearerToken.class::isInstance)
                  .map(credentials -> ((OAuth2BearerToken) credentials).token());
          if (token.isEmpty()) {
            return failWith(missingToken());
          }
          return onSuccess(caller(token.get()), inner);
        });
  }

  private static Rejection missingToken() {
    return Rejection.unauthorized(
        "unauthorized", "This request needs a token: Authorization: Bearer <token>.");
  }

  private static Rejection revoked() {
    return Rejection.unauthorized(
        "unauthorized",
        "The token was revoked: its operator logged out, was disabled or got a new password.");
  }

  private static Rejection forbidden(String reason) {
    return Rejection.forbidden("forbidden", reason);
  }
}
