package livechat.node;

/** The node could not start; the message says why in one sentence. */
public final class NodeStartException extends Exception {

  private static final long serialVersionUID = 1L;

  public NodeStartException(String message) {
    super(message);
  }
}
