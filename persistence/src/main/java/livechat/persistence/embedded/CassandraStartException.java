package livechat.persistence.embedded;

/** The embedded Cassandra node did not start; the message says why in one sentence. */
public final class CassandraStartException extends Exception {

  private static final long serialVersionUID = 1L;

  public CassandraStartException(String message) {
    super(message);
  }
}
