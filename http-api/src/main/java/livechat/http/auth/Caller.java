package livechat.http.auth;

/** Who sent a request, as its bearer token says. */
public sealed interface Caller {

  record Admin() implements Caller {}

  record Operator(String operatorId) implements Caller {}

  /** A visitor's token opens exactly one conversation. */
  record Visitor(String conversationId) implements Caller {}
}
