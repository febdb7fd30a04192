package livechat.engine;

import java.util.UUID;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Password hashing with bcrypt (Spring Security Crypto). Operators keep only the hash; hashing and
 * checking are slow on purpose, so callers do them outside the entities.
 */
public final class Passwords {

  private static final BCryptPasswordEncoder BCRYPT = new BCryptPasswordEncoder();

  /**
   * A hash of no one's password, made like any other: a login that does not exist is checked
   * against it, so that it costs the same time as one that does.
   */
  static final String DUMMY_HASH = BCRYPT.encode(UUID.randomUUID().toString());

  private Passwords() {}

  public static String hash(String password) {
    return BCRYPT.encode(password);
  }

  public static boolean matches(String password, String hash) {
    return password != null && hash != null && BCRYPT.matches(password, hash);
  }
}
