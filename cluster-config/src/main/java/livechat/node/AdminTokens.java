package livechat.node;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where the admin token comes from: {@code livechat.auth.admin-token} when set; otherwise, for
 * the embedded development run only, a random token kept in the data directory so that it stays
 * the same across restarts.
 */
final class AdminTokens {

  private static final String FILE_NAME = "admin-token";

  private AdminTokens() {}

  static String resolve(Config config, boolean development, Path dataDir)
      throws NodeStartException {
    String configured = config.getString("livechat.auth.admin-token");
    if (!configured.isBlank()) {
      return configured;
    }
    if (!development) {
      throw new NodeStartException(
          "no admin token: set LIVECHAT_ADMIN_TOKEN (the same on every node)");
    }
    Path file = dataDir.resolve(FILE_NAME);
    try {
      if (Files.exists(file)) {
        return Files.readString(file).trim();
      }
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      String token = "dev-" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
      Files.createDirectories(dataDir);
      Files.writeString(file, token + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      return token;
    } catch (IOException e) {
      throw new NodeStartException("cannot keep the development admin token in " + file + ": " + e);
    }
  }
}
