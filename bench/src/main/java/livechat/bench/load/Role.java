package livechat.bench.load;

/** The side of a conversation a socket speaks for. */
public enum Role {
  VISITOR,
  OPERATOR;

  public Role other() {
    return this == VISITOR ? OPERATOR : VISITOR;
  }
}
