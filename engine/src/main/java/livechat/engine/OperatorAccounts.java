package livechat.engine;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiPredicate;
import java.util.function.Function;
import livechat.engine.operator.Operator;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.pattern.StatusReply;

/**
 * Operator accounts across entities: creating one claims its login and checks its languages against
 * the enabled ones; logging in finds the operator by login and checks the password. Passwords are
 * hashed and checked on the blocking dispatcher, never inside an entity. A login that does not
 * exist, or a disabled operator, costs the same password check as any other, so that the time of an
 * answer does not tell which logins exist.
 */
public final class OperatorAccounts {

  /** Who logged in, and the token version its token must carry. */
  public record SignedIn(String operatorId, long tokenVersion) {}

  static final int MIN_PASSWORD = 8;
  static final int MAX_PASSWORD = 72; // bcrypt reads no further

  private final ActorSystem<?> system;
  private final EntityDirectory directory;
  private final Duration timeout;
  private final Executor hashing;
  private final BiPredicate<String, String> passwordMatches;

  public OperatorAccounts(ActorSystem<?> system, EntityDirectory directory, Duration timeout) {
    this(system, directory, timeout, Passwords::matches);
  }

  /** Accounts whose password check (password, hash) is the given one. */
  OperatorAccounts(
      ActorSystem<?> system,
      EntityDirectory directory,
      Duration timeout,
      BiPredicate<String, String> passwordMatches) {
    this.system = system;
    this.directory = directory;
    this.timeout = timeout;
    this.hashing = system.dispatchers().lookup(DispatcherSelector.blocking());
    this.passwordMatches = passwordMatches;
  }

  /** Creates an operator with a new id; the login must be free. */
  public CompletionStage<Operator.Profile> create(
      String login, String name, String password, String mainLanguage, Integer capacity) {
    Rejection invalid = checkPassword(password);
    if (invalid == null && (login == null || login.isBlank() || login.length() > 100)) {
      invalid = Rejection.invalid("invalid_operator", "The login holds 1 to 100 characters.");
    }
    if (invalid != null) {
      return CompletableFuture.failedFuture(invalid);
    }
    String operatorId = UUID.randomUUID().toString();
    return enabledLanguages()
        .thenCompose(
            enabled ->
                hash(password)
                    .thenCompose(
                        hash ->
                            this.<Login.Command, Done>ask(
                                    Login.entity(system, login),
                                    replyTo -> new Login.Claim(operatorId, replyTo))
                                .thenCompose(
                                    claimed ->
                                        ask(
                                            directory.operator(operatorId),
                                            replyTo ->
                                                new Operator.Register(
                                                    login.strip(),
                                                    name,
                                                    hash,
                                                    mainLanguage,
                                                    capacity,
                                                    enabled,
                                                    replyTo)))));
  }

  /**
   * An administrator's change of name, capacity, password or whether the operator is disabled; null
   * leaves a value as it is.
   */
  public CompletionStage<Operator.Profile> updateAccount(
      String operatorId, String name, Integer capacity, String password, Boolean disabled) {
    if (password != null && checkPassword(password) != null) {
      return CompletableFuture.failedFuture(checkPassword(password));
    }
    CompletionStage<String> hash =
        password == null ? CompletableFuture.completedFuture(null) : hash(password);
    return hash.thenCompose(
        passwordHash ->
            ask(
                directory.operator(operatorId),
                replyTo ->
                    new Operator.UpdateAccount(name, capacity, passwordHash, disabled, replyTo)));
  }

  /** The operator's own change of online chat name and languages. */
  public CompletionStage<Operator.Profile> updatePreferences(
      String operatorId,
      boolean changeOnlineChatName,
      String onlineChatName,
      String mainLanguage,
      List<String> chatLanguages) {
    return enabledLanguages()
        .thenCompose(
            enabled ->
                ask(
                    directory.operator(operatorId),
                    replyTo ->
                        new Operator.UpdatePreferences(
                            changeOnlineChatName,
                            onlineChatName,
                            mainLanguage,
                            chatLanguages,
                            enabled,
                            replyTo)));
  }

  /**
   * The operator for a login and its password; an UNAUTHORIZED {@link Rejection} when either is
   * wrong or the operator is disabled, the same for all so that callers cannot tell which. The
   * password is checked in every case: against a dummy hash when the login does not exist.
   */
  public CompletionStage<SignedIn> authenticate(String login, String password) {
    if (login == null || login.isBlank() || password == null) {
      return CompletableFuture.failedFuture(badCredentials());
    }
    return credentials(login)
        .thenApplyAsync(
            found -> {
              boolean matches =
                  passwordMatches.test(
                      password,
                      found == null ? Passwords.DUMMY_HASH : found.credentials().passwordHash());
              if (found == null || !matches || found.credentials().disabled()) {
                throw badCredentials();
              }
              return new SignedIn(found.operatorId(), found.credentials().tokenVersion());
            },
            hashing);
  }

  /** Ends every token issued to the operator until now; the token version from now on. */
  public CompletionStage<Long> logOut(String operatorId) {
    return this.<Operator.Command, Operator.TokenVersion>ask(
            directory.operator(operatorId), replyTo -> new Operator.RevokeTokens("logout", replyTo))
        .thenApply(Operator.TokenVersion::version);
  }

  private record Found(String operatorId, Operator.Credentials credentials) {}

  /** The operator of a login with its credentials; null when there is no such login. */
  private CompletionStage<Found> credentials(String login) {
    return this.<Login.Command, String>ask(Login.entity(system, login), Login.Find::new)
        .thenCompose(
            operatorId ->
                this.<Operator.Command, Operator.Credentials>ask(
                        directory.operator(operatorId), Operator.GetCredentials::new)
                    .thenApply(credentials -> new Found(operatorId, credentials)))
        .exceptionallyCompose(
            failure ->
                unwrap(failure) instanceof Rejection rejection
                        && rejection.kind() == Rejection.Kind.NOT_FOUND
                    ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(unwrap(failure)));
  }

  private CompletionStage<Set<String>> enabledLanguages() {
    return ask(Settings.entity(system), Settings.GetEnabledLanguages::new)
        .thenApply(enabled -> new HashSet<>(enabled.languages()));
  }

  private CompletionStage<String> hash(String password) {
    return CompletableFuture.supplyAsync(() -> Passwords.hash(password), hashing);
  }

  private <C, R> CompletionStage<R> ask(
      RecipientRef<C> target, Function<ActorRef<StatusReply<R>>, C> command) {
    return AskPattern.askWithStatus(target, command::apply, timeout, system.scheduler());
  }

  private static Rejection checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      return Rejection.invalid(
          "invalid_password",
          "A password holds " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters.");
    }
    return null;
  }

  private static Rejection badCredentials() {
    return Rejection.unauthorized("bad_credentials", "The login or the password is wrong.");
  }

  private static Throwable unwrap(Throwable failure) {
    return failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause()
        : failure;
  }
}
