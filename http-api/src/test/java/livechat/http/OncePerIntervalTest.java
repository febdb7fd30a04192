package livechat.http;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class OncePerIntervalTest {

  @Test
  void aKeyIsDueOncePerInterval() {
    OncePerInterval once = new OncePerInterval(Duration.ofHours(1));
    assertTrue(once.due("marc"));
    assertFalse(once.due("marc"));
    assertTrue(once.due("anne"), "each key has its own interval");
  }

  @Test
  void withNoIntervalEveryTimeIsDue() {
    OncePerInterval once = new OncePerInterval(Duration.ZERO);
    assertTrue(once.due("marc"));
    assertTrue(once.due("marc"));
  }
}
