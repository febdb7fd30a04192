package livechat.http.auth;

import java.time.Instant;

/** Who sent a request, as its bearer token says. */
public sealed interface Caller {

  record Admin() implements Caller {}

  /**
   * An operator, with the token version its token was issued under (it works only while that is the
   * operator's current one) and when the token expires.
   */
  record Operator(String operatorId, long tokenVersion, Instant expiresAt) implements Caller {}

  /** A visitor's token opens exactly one conversation. */
  record Visitor(String conversationId, Instant expiresAt) implements Caller {}
}
