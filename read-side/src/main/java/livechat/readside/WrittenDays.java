package livechat.readside;

import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.pekko.Done;

/**
 * The rows of {@code conversation_days} (a list and a day) this node has written, so that each is
 * written once rather than with every event of every conversation of that day. It forgets them all
 * once it holds {@link #MAX} of them: writing a row again is an upsert that changes nothing.
 */
final class WrittenDays {

  static final int MAX = 10_000;

  private final Set<String> written = ConcurrentHashMap.newKeySet();

  boolean contains(String scope, LocalDate day) {
    return written.contains(key(scope, day));
  }

  Done add(String scope, LocalDate day) {
    if (written.size() >= MAX) {
      written.clear();
    }
    written.add(key(scope, day));
    return Done.done();
  }

  private static String key(String scope, LocalDate day) {
    return scope + '/' + day;
  }
}
