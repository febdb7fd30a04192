package livechat.http.health;

/** Cassandra does not take writes now; the API answers 503 with Retry-After. */
public final class CassandraUnavailable extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public CassandraUnavailable() {
    super("Cassandra is unavailable", null, false, false);
  }
}
