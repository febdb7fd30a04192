package livechat.http;

/**
 * The body of every error response: {@code {"error": {"code": ..., "message": ...}}}, a stable
 * snake_case code for programs and a sentence for a person.
 */
public record ApiError(Detail error) {

  public record Detail(String code, String message) {}

  public static ApiError of(String code, String message) {
    return new ApiError(new Detail(code, message));
  }
}
