package livechat.http.languages;

import java.util.List;
import java.util.Objects;
import livechat.http.InvalidRequest;

/** {@code {"enabled": ["en_US", ...]}}: the body of both the request and the response. */
public record LanguagesJson(List<String> enabled) {

  public LanguagesJson {
    if (enabled == null) {
      throw InvalidRequest.missingField("enabled");
    }
    if (enabled.stream().anyMatch(Objects::isNull)) {
      throw new InvalidRequest("invalid_field", "Field 'enabled' must hold only strings.");
    }
    enabled = List.copyOf(enabled);
  }
}
