package livechat.engine;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A command the domain refused, with a sentence for the person who sent it.
 *
 * <p>Entities reply {@code StatusReply.error(rejection)}; the HTTP edge turns the {@link Kind} into
 * a status code and the {@link #code()} into the error body. It crosses the network as its three
 * fields, never with a stack trace.
 */
@JsonAutoDetect(
    fieldVisibility = Visibility.NONE,
    getterVisibility = Visibility.NONE,
    isGetterVisibility = Visibility.NONE)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Rejection extends RuntimeException implements CborSerializable {

  private static final long serialVersionUID = 1L;

  /** What kind of refusal this is; each maps to one HTTP status. */
  public enum Kind {
    INVALID,
    UNAUTHORIZED,
    FORBIDDEN,
    NOT_FOUND,
    CONFLICT,
    RATE_LIMITED
  }

  private final Kind kind;
  private final String code;
  private final String reason;

  @JsonCreator
  Rejection(
      @JsonProperty("kind") Kind kind,
      @JsonProperty("code") String code,
      @JsonProperty("reason") String reason) {
    super(code + ": " + reason, null, false, false);
    this.kind = kind;
    this.code = code;
    this.reason = reason;
  }

  public static Rejection invalid(String code, String reason) {
    return new Rejection(Kind.INVALID, code, reason);
  }

  public static Rejection unauthorized(String code, String reason) {
    return new Rejection(Kind.UNAUTHORIZED, code, reason);
  }

  public static Rejection forbidden(String code, String reason) {
    return new Rejection(Kind.FORBIDDEN, code, reason);
  }

  public static Rejection notFound(String code, String reason) {
    return new Rejection(Kind.NOT_FOUND, code, reason);
  }

  public static Rejection conflict(String code, String reason) {
    return new Rejection(Kind.CONFLICT, code, reason);
  }

  public static Rejection rateLimited(String code, String reason) {
    return new Rejection(Kind.RATE_LIMITED, code, reason);
  }

  @JsonProperty
  public Kind kind() {
    return kind;
  }

  /** A stable snake_case code for programs. */
  @JsonProperty
  public String code() {
    return code;
  }

  /** A sentence for a person. */
  @JsonProperty
  public String reason() {
    return reason;
  }
}
