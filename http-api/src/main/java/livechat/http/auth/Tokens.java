package livechat.http.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Operator and visitor tokens: JWTs signed with HMAC-SHA256 and a secret every node shares, so any
 * node verifies any token without looking anything up. They expire.
 */
public final class Tokens {

  private static final String ISSUER = "livechat";
  private static final String ROLE = "role";

  private final Algorithm algorithm;
  private final JWTVerifier verifier;
  private final Duration operatorTtl;
  private final Duration visitorTtl;
  private final Clock clock;

  public Tokens(String secret, Duration operatorTtl, Duration visitorTtl, Clock clock) {
    if (secret == null || secret.length() < 32) {
      throw new IllegalArgumentException("the token secret must hold at least 32 characters");
    }
    this.algorithm = Algorithm.HMAC256(secret);
    this.verifier = JWT.require(algorithm).withIssuer(ISSUER).build();
    this.operatorTtl = operatorTtl;
    this.visitorTtl = visitorTtl;
    this.clock = clock;
  }

  public static Tokens fromConfig(Config config, String secret, Clock clock) {
    Config auth = config.getConfig("livechat.auth");
    return new Tokens(
        secret,
        auth.getDuration("operator-token-ttl"),
        auth.getDuration("visitor-token-ttl"),
        clock);
  }

  public String forOperator(String operatorId) {
    return sign(operatorId, "operator", operatorTtl);
  }

  public String forVisitor(String conversationId) {
    return sign(conversationId, "visitor", visitorTtl);
  }

  /** The caller a token stands for, if it is genuine and not expired. */
  public Optional<Caller> verify(String token) {
    try {
      DecodedJWT jwt = verifier.verify(token);
      if (jwt.getExpiresAtAsInstant() == null
          || !jwt.getExpiresAtAsInstant().isAfter(clock.instant())) {
        return Optional.empty();
      }
      String role = jwt.getClaim(ROLE).asString();
      if ("operator".equals(role)) {
        return Optional.of(new Caller.Operator(jwt.getSubject()));
      }
      if ("visitor".equals(role)) {
        return Optional.of(new Caller.Visitor(jwt.getSubject()));
      }
      return Optional.empty();
    } catch (JWTVerificationException e) {
      return Optional.empty();
    }
  }

  private String sign(String subject, String role, Duration ttl) {
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(subject)
        .withClaim(ROLE, role)
        .withIssuedAt(clock.instant())
        .withExpiresAt(clock.instant().plus(ttl))
        .sign(algorithm);
  }
}
