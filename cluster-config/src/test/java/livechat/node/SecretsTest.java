package livechat.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretsTest {

  private static final String ADMIN_TOKEN = "an-admin-token-of-24-chars";
  private static final String TOKEN_SECRET = "a-token-secret-of-at-least-32-characters";

  @TempDir Path dataDir;

  @Test
  void aProductionNodeNeedsAnAdminToken() {
    NodeStartException refused =
        assertThrows(
            NodeStartException.class,
            () -> Secrets.adminToken(secrets("", TOKEN_SECRET), false, dataDir));
    assertEquals(
        "no admin-token: set LIVECHAT_ADMIN_TOKEN (the same on every node)", refused.getMessage());
  }

  @Test
  void aProductionNodeRefusesAShortAdminTokenOrTokenSecret() {
    assertEquals(
        "LIVECHAT_ADMIN_TOKEN must be at least 24 characters long",
        assertThrows(
                NodeStartException.class,
                () -> Secrets.adminToken(secrets("x".repeat(23), TOKEN_SECRET), false, dataDir))
            .getMessage());
    assertEquals(
        "LIVECHAT_TOKEN_SECRET must be at least 32 characters long",
        assertThrows(
                NodeStartException.class,
                () -> Secrets.tokenSecret(secrets(ADMIN_TOKEN, "x".repeat(31)), false, dataDir))
            .getMessage());
  }

  @Test
  void aConfiguredSecretIsNotMadeUpSoNeverShown() throws Exception {
    Secrets.Secret token = Secrets.adminToken(secrets(ADMIN_TOKEN, TOKEN_SECRET), false, dataDir);

    assertEquals(ADMIN_TOKEN, token.value());
    assertFalse(token.madeUp());
  }

  @Test
  void theDevelopmentRunMakesUpItsSecretsOnceAndKeepsThem() throws Exception {
    Secrets.Secret first = Secrets.adminToken(secrets("", ""), true, dataDir);
    Secrets.Secret again = Secrets.adminToken(secrets("", ""), true, dataDir);

    assertTrue(first.madeUp());
    assertEquals(first, again);
    assertTrue(Secrets.tokenSecret(secrets("", ""), true, dataDir).value().length() >= 32);
  }

  private static Config secrets(String adminToken, String tokenSecret) {
    return ConfigFactory.parseMap(
        Map.of("livechat.auth.admin-token", adminToken, "livechat.auth.token-secret", tokenSecret));
  }
}
