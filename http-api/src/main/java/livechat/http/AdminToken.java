package livechat.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.pekko.http.javadsl.model.headers.Authorization;
import org.apache.pekko.http.javadsl.model.headers.OAuth2BearerToken;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The administrator's bearer token, from configuration. Admin routes run only when the request
 * carries exactly this token; anything else is a 401.
 */
public final class AdminToken extends AllDirectives {

  private final byte[] token;

  public AdminToken(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("the admin token must not be empty");
    }
    this.token = token.getBytes(StandardCharsets.UTF_8);
  }

  /** Runs the inner route only for the administrator. */
  public Route require(Supplier<Route> inner) {
    return optionalHeaderValueByType(
        Authorization.class,
        header -> {
          Optional<String> presented =
              header
                  .map(Authorization::credentials)
                  .filter(OAuth2BearerToken.class::isInstance)
                  .map(credentials -> ((OAuth2BearerToken) credentials).token());
          if (presented.isEmpty()) {
            return failWith(
                new ApiErrors.Unauthorized("This request needs the admin token as a Bearer token."));
          }
          if (!MessageDigest.isEqual(token, presented.get().getBytes(StandardCharsets.UTF_8))) {
            return failWith(new ApiErrors.Unauthorized("The admin token is not valid."));
          }
          return inner.get();
        });
  }
}
