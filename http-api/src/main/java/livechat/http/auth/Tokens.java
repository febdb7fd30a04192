package livechat.http.auth;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.exceptions.TokenExpiredException;
import com.auth0.jwt.interfaces.DecodedJWT;
import com.typesafe.config.Config;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import livechat.engine.Rejection;

/**
 * Operator and visitor tokens: JWTs signed with HMAC-SHA256 and a secret every node shares, so any
 * node verifies their signature without looking anything up. They expire. An operator's token also
 * carries the operator's token version when it was issued; whether that is still the current one is
 * for {@link TokenVersions} to say.
 */
public final class Tokens {

  private static final String ISSUER = "livechat";
  private static final String ROLE = "role";
  private static final String VERSION = "ver";

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

  /** A token of the operator, issued under its current token version. */
  public String forOperator(String operatorId, long tokenVersion) {
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(operatorId)
        .withClaim(ROLE, "operator")
        .withClaim(VERSION, tokenVersion)
        .withIssuedAt(clock.instant())
        .withExpiresAt(clock.instant().plus(operatorTtl))
        .sign(algorithm);
  }

  public String forVisitor(String conversationId) {
    return JWT.create()
        .withIssuer(ISSUER)
        .withSubject(conversationId)
        .withClaim(ROLE, "visitor")
        .withIssuedAt(clock.instant())
        .withExpiresAt(clock.instant().plus(visitorTtl))
        .sign(algorithm);
  }

  /**
   * The caller a genuine token that has not expired stands for; an UNAUTHORIZED {@link Rejection}
   * saying why otherwise. An operator token issued before token versions counts as version 0.
   */
  public Caller verify(String token) {
    DecodedJWT jwt;
    try {
      jwt = verifier.verify(token);
    } catch (TokenExpiredException e) {
      throw expired();
    } catch (JWTVerificationException e) {
      throw invalid();
    }
    Instant expiresAt = jwt.getExpiresAtAsInstant();
    if (expiresAt == null) {
      throw invalid();
    }
    if (!expiresAt.isAfter(clock.instant())) {
      throw expired();
    }
    String role = jwt.getClaim(ROLE).asString();
    if ("operator".equals(role)) {
      Long version = jwt.getClaim(VERSION).asLong();
      return new Caller.Operator(jwt.getSubject(), version == null ? 0 : version, expiresAt);
    }
    if ("visitor".equals(role)) {
      return new Caller.Visitor(jwt.getSubject(), expiresAt);
    }
    throw invalid();
  }

  /** How long until the instant, by this service's clock; zero once it is past. */
  public Duration until(Instant instant) {
    Duration left = Duration.between(clock.instant(), instant);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static Rejection invalid() {
    return Rejection.unauthorized("unauthorized", "The token is not valid.");
  }

  private static Rejection expired() {
    return Rejection.unauthorized("unauthorized", "The token has expired; log in again.");
  }
}
