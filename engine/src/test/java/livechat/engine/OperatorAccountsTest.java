package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Logging in on a real one-node cluster: every attempt costs one bcrypt check, whether the login
 * exists, the password is wrong or the operator is disabled, and all of them fail alike.
 */
class OperatorAccountsTest {

  private static final String PASSWORD = "a good password";

  private static EngineNode node;

  /** Every password check made: the password and the hash it was checked against. */
  private static final List<List<String>> checks = new CopyOnWriteArrayList<>();

  private static OperatorAccounts accounts;

  @BeforeAll
  static void start() {
    node = EngineNode.start("operator_accounts_test", Clock.systemUTC());
    accounts =
        new OperatorAccounts(
            node.testKit().system(),
            new ShardedDirectory(node.testKit().system()),
            EngineNode.TIMEOUT,
            (password, hash) -> {
              checks.add(List.of(password, hash));
              return Passwords.matches(password, hash);
            });
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void anUnknownLoginIsCheckedAgainstTheDummyHashAndFailsLikeAWrongPassword() {
    String login = newOperator();
    checks.clear();

    Rejection unknown = failure(accounts.authenticate("nobody-" + UUID.randomUUID(), PASSWORD));
    Rejection wrongPassword = failure(accounts.authenticate(login, "not the password"));

    assertEquals(2, checks.size());
    assertEquals(List.of(PASSWORD, Passwords.DUMMY_HASH), checks.get(0));
    assertEquals("not the password", checks.get(1).get(0));
    assertEquals(wrongPassword.code(), unknown.code());
    assertEquals(wrongPassword.reason(), unknown.reason());
    assertEquals(Rejection.Kind.UNAUTHORIZED, unknown.kind());
  }

  @Test
  void aDisabledOperatorIsCheckedAndRefusedLikeAWrongPasswordUntilEnabled() {
    String login = newOperator();
    String operatorId = EngineNode.await(accounts.authenticate(login, PASSWORD)).operatorId();
    EngineNode.await(accounts.updateAccount(operatorId, null, null, null, true));
    checks.clear();

    Rejection disabled = failure(accounts.authenticate(login, PASSWORD));

    assertEquals(1, checks.size());
    assertEquals(PASSWORD, checks.get(0).get(0));
    assertEquals("bad_credentials", disabled.code());
    EngineNode.await(accounts.updateAccount(operatorId, null, null, null, false));
    assertEquals(1, EngineNode.await(accounts.authenticate(login, PASSWORD)).tokenVersion());
  }

  @Test
  void signingInGivesTheTokenVersionThatANewPasswordAndALogoutMoveOn() {
    String login = newOperator();
    OperatorAccounts.SignedIn first = EngineNode.await(accounts.authenticate(login, PASSWORD));
    assertEquals(0, first.tokenVersion());

    EngineNode.await(
        accounts.updateAccount(first.operatorId(), null, null, "another good password", null));
    EngineNode.await(accounts.logOut(first.operatorId()));

    assertEquals("bad_credentials", failure(accounts.authenticate(login, PASSWORD)).code());
    assertEquals(
        2, EngineNode.await(accounts.authenticate(login, "another good password")).tokenVersion());
  }

  private static String newOperator() {
    String login = "marc-" + UUID.randomUUID();
    EngineNode.await(accounts.create(login, "Marc", PASSWORD, "en_US", null));
    return login;
  }

  private static Rejection failure(CompletionStage<?> stage) {
    try {
      stage.toCompletableFuture().get();
      throw new AssertionError("expected a failure");
    } catch (ExecutionException e) {
      return assertInstanceOf(Rejection.class, e.getCause());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
