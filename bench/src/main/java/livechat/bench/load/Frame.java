package livechat.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The frames the generator writes (built by hand, cheaply) and reads (with Jackson). */
public final class Frame {

  public static final ObjectMapper JSON = new ObjectMapper();

  private Frame() {}

  /** Ids and texts made by the generator are plain ASCII, so no escaping is needed. */
  public static String send(String conversationId, String text, String clientMessageId) {
    return "{\"type\":\"send\",\"conversationId\":\""
        + conversationId
        + "\",\"text\":\""
        + text
        + "\",\"clientMessageId\":\""
        + clientMessageId
        + "\"}";
  }

  public static String subscribe(String conversationId, long afterSeq) {
    return "{\"type\":\"subscribe\",\"conversationId\":\""
        + conversationId
        + "\",\"afterSeq\":"
        + afterSeq
        + "}";
  }

  public static JsonNode read(CharSequence text) {
    try {
      return JSON.readTree(text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
