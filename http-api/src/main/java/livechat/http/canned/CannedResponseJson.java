package livechat.http.canned;

import livechat.engine.canned.CannedResponses;
import livechat.http.InvalidRequest;

/** The JSON of the canned response routes. */
public final class CannedResponseJson {

  private CannedResponseJson() {}

  /** What the admin sends to create or replace a canned response. */
  public record Request(String shortcut, String text) {
    public Request {
      if (shortcut == null) {
        throw InvalidRequest.missingField("shortcut");
      }
      if (text == null) {
        throw InvalidRequest.missingField("text");
      }
    }
  }

  public record Response(String id, String shortcut, String text) {
    public static Response of(CannedResponses.CannedResponse response) {
      return new Response(response.id(), response.shortcut(), response.text());
    }
  }
}
