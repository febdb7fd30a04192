package livechat.http.logging;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The id of one HTTP request: the caller's {@code X-Request-Id} when it is a plain token of at most
 * 64 characters (a proxy's or a client's), otherwise a new one. It is echoed in the response and
 * logged with every line about the request.
 */
public final class RequestId {

  public static final String HEADER = "X-Request-Id";

  private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private RequestId() {}

  public static String of(Optional<String> given) {
    return given
        .map(String::trim)
        .filter(id -> ACCEPTED.matcher(id).matches())
        .orElseGet(() -> UUID.randomUUID().toString());
  }
}
