package livechat.node;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The node's secrets, the admin token and the token-signing secret: from configuration when set;
 * otherwise, for the embedded development run only, made up once and kept in the data directory so
 * that they stay the same across restarts. A production node (one with Cassandra contact points)
 * needs both set, long enough to resist guessing.
 */
final class Secrets {

  static final int MIN_ADMIN_TOKEN_LENGTH = 24;
  static final int MIN_TOKEN_SECRET_LENGTH = 32;

  /** A secret, and whether the node made it up (then, and only then, it may be shown). */
  record Secret(String value, boolean madeUp) {}

  private Secrets() {}

  static Secret adminToken(Config config, boolean development, Path dataDir)
      throws NodeStartException {
    return resolve(
        config,
        "livechat.auth.admin-token",
        "LIVECHAT_ADMIN_TOKEN",
        "admin-token",
        "dev-",
        MIN_ADMIN_TOKEN_LENGTH,
        development,
        dataDir);
  }

  static Secret tokenSecret(Config config, boolean development, Path dataDir)
      throws NodeStartException {
    return resolve(
        config,
        "livechat.auth.token-secret",
        "LIVECHAT_TOKEN_SECRET",
        "token-secret",
        "",
        MIN_TOKEN_SECRET_LENGTH,
        development,
        dataDir);
  }

  private static Secret resolve(
      Config config,
      String path,
      String variable,
      String fileName,
      String prefix,
      int minLength,
      boolean development,
      Path dataDir)
      throws NodeStartException {
    String configured = config.getString(path);
    if (!development && configured.isBlank()) {
      throw new NodeStartException(
          "no " + fileName + ": set " + variable + " (the same on every node)");
    }
    if (!development && configured.length() < minLength) {
      throw new NodeStartException(
          variable + " must be at least " + minLength + " characters long");
    }
    if (!configured.isBlank()) {
      return new Secret(configured, false);
    }
    Path file = dataDir.resolve(fileName);
    try {
      if (Files.exists(file)) {
        return new Secret(Files.readString(file).trim(), true);
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(dataDir);
      Files.writeString(file, secret + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return new Secret(secret, true);
    } catch (IOException e) {
      throw new NodeStartException(
          "cannot keep the development " + fileName + " in " + file + ": " + e);
    }
  }
}
