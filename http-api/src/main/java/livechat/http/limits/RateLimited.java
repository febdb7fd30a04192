package livechat.http.limits;

/** A request refused by a rate limit: {@code 429 rate_limited}, retry after so many seconds. */
public final class RateLimited extends RuntimeException {

  private final long retryAfterSeconds;

  public RateLimited(String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }
}
