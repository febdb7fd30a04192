package livechat.http.commands;

import livechat.http.InvalidRequest;

/** The JSON of the command route. */
public final class CommandJson {

  static final int MAX_TEXT = 4000;

  private CommandJson() {}

  public record Request(String text) {
    public Request {
      if (text == null) {
        throw InvalidRequest.missingField("text");
      }
      if (text.isBlank() || text.length() > MAX_TEXT) {
        throw new InvalidRequest(
            "invalid_field", "Field 'text' holds 1 to " + MAX_TEXT + " characters.");
      }
    }
  }

  /** The answer, for the operator's eyes only. */
  public record Reply(String reply) {}
}
