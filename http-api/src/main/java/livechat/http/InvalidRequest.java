package livechat.http;

/**
 * A request body that parsed as JSON but does not say what the API needs (a missing field, a value
 * out of range). Thrown by the request records' constructors; answered with 400.
 */
public final class InvalidRequest extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;

  public InvalidRequest(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public static InvalidRequest missingField(String field) {
    return new InvalidRequest("missing_field", "Field '" + field + "' is required.");
  }

  public String code() {
    return code;
  }
}
