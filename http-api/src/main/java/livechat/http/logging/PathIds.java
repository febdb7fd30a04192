package livechat.http.logging;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ids a request path names, as log fields: the segment after {@code conversations}, {@code
 * channels} or {@code operators} is {@code conversation_id}, {@code channel_id} or {@code
 * operator_id}, so that a conversation's or an operator's requests can be found in the logs.
 */
final class PathIds {

  private static final Map<String, String> FIELD_AFTER =
      Map.of(
          "conversations", "conversation_id",
          "channels", "channel_id",
          "operators", "operator_id");

  private PathIds() {}

  static Map<String, String> of(String path) {
    List<String> segments = List.of(path.split("/"));
    Map<String, String> ids = new LinkedHashMap<>();
    for (int i = 0; i + 1 < segments.size(); i++) {
      String field = FIELD_AFTER.get(segments.get(i));
      String id = segments.get(i + 1);
      if (field != null && !id.isEmpty() && id.length() <= 64) {
        ids.put(field, id);
      }
    }
    return ids;
  }
}
