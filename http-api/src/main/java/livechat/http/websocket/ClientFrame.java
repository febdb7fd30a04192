package livechat.http.websocket;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import livechat.http.InvalidRequest;
import livechat.http.Json;

/**
 * A frame from the client, read strictly: each field must have its type, or the frame is answered
 * with an {@code error} frame naming the field.
 */
sealed interface ClientFrame {

  record Subscribe(String conversationId, long afterSeq) implements ClientFrame {}

  record Send(String conversationId, String text, String clientMessageId) implements ClientFrame {}

  record Typing(String conversationId) implements ClientFrame {}

  record Seen(String conversationId, long seq) implements ClientFrame {}

  record Ping() implements ClientFrame {}

  /** Reads a frame; a bad one is an {@link InvalidRequest}, carrying its clientMessageId if any. */
  static ClientFrame read(String text) {
    ObjectNode frame = Json.readObject(text);
    String type = string(frame, "type");
    return switch (type) {
      case "subscribe" -> new Subscribe(string(frame, "conversationId"), number(frame, "afterSeq"));
      case "send" ->
          new Send(
              string(frame, "conversationId"),
              string(frame, "text"),
              string(frame, "clientMessageId"));
      case "typing" -> new Typing(string(frame, "conversationId"));
      case "seen" -> new Seen(string(frame, "conversationId"), number(frame, "seq"));
      case "ping" -> new Ping();
      default ->
          throw new InvalidRequest(
              "unknown_type", "Frames of type '" + type + "' are not understood.");
    };
  }

  /** The clientMessageId of a frame, if it has a textual one, so that an error can name it. */
  static String clientMessageIdOf(String text) {
    try {
      JsonNode id = Json.readObject(text).get("clientMessageId");
      return id != null && id.isTextual() ? id.asText() : null;
    } catch (InvalidRequest notAnObject) {
      return null;
    }
  }

  private static String string(ObjectNode frame, String field) {
    JsonNode value = frame.get(field);
    if (value == null || value.isNull()) {
      throw InvalidRequest.missingField(field);
    }
    if (!value.isTextual()) {
      throw new InvalidRequest("invalid_field", "Field '" + field + "' must be a string.");
    }
    return value.asText();
  }

  private static long number(ObjectNode frame, String field) {
    JsonNode value = frame.get(field);
    if (value == null || value.isNull()) {
      throw InvalidRequest.missingField(field);
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong() || value.asLong() < 0) {
      throw new InvalidRequest(
          "invalid_field", "Field '" + field + "' must be a whole number of at least 0.");
    }
    return value.asLong();
  }
}
