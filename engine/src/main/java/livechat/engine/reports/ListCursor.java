package livechat.engine.reports;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Pattern;
import livechat.engine.Rejection;

/**
 * Where a page of conversations stopped: the start time and id of its last conversation (lists go
 * from the most recent start to the oldest). Opaque to clients: a URL-safe Base64 string.
 */
public record ListCursor(Instant startedAt, String conversationId) {

  private static final Pattern ID = Pattern.compile("[0-9a-f-]{1,64}");

  public String encode() {
    String plain = startedAt.toEpochMilli() + ":" + conversationId;
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(plain.getBytes(StandardCharsets.UTF_8));
  }

  /** The cursor a page gave; a 400 {@link Rejection} for anything else. */
  public static ListCursor decode(String cursor) {
    try {
      String plain = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      int colon = plain.indexOf(':');
      String id = plain.substring(colon + 1);
      if (colon < 1 || !ID.matcher(id).matches()) {
        throw invalid();
      }
      return new ListCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))), id);
    } catch (IllegalArgumentException | IndexOutOfBoundsException | java.time.DateTimeException e) {
      throw invalid();
    }
  }

  static Rejection invalid() {
    return Rejection.invalid("invalid_cursor", "after must be the next cursor of an earlier page.");
  }
}
