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
 * that they stay the same across restarts.
 */
final class Secrets {

  private Secrets() {}

  static String adminToken(Config config, boolean development, Path dataDir)
      throws NodeStartException {
    return resolve(
        config,
        "livechat.auth.admin-token",
        "LIVECHAT_ADMIN_TOKEN",
        "admin-token",
        "dev-",
        development,
        dataDir);
  }

  static String tokenSecret(Config config, boolean development, Path dataDir)
      throws NodeStartException {
    return resolve(
        config,
        "livechat.auth.token-secret",
        "LIVECHAT_TOKEN_SECRET",
        "token-secret",
        "",
        development,
        dataDir);
  }

  private static String resolve(
      Config config,
      String path,
      String variable,
      String fileName,
      String prefix,
      boolean development,
      Path dataDir)
      throws NodeStartException {
    String configured = config.getString(path);
    if (!configured.isBlank()) {
      return configured;
    }
    if (!development) {
      throw new NodeStartException(
          "no " + fileName + ": set " + variable + " (the same on every node)");
    }
    Path file = dataDir.resolve(fileName);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] random = new byte[32];
      new SecureRandom().nextBytes(random);
      String secret = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(dataDir);
      Files.writeString(file, secret + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return secret;
    } catch (IOException e) {
      throw new NodeStartException(
          "cannot keep the development " + fileName + " in " + file + ": " + e);
    }
  }
}
