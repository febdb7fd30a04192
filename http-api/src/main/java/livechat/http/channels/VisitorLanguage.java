package livechat.http.channels;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The visitor's language from the browser's {@code Accept-Language}: the range with the highest
 * weight, written as the product writes languages ({@code fr-be} becomes {@code fr_BE}).
 */
final class VisitorLanguage {

  private VisitorLanguage() {}

  static Optional<String> from(String acceptLanguage) {
    if (acceptLanguage == null || acceptLanguage.isBlank()) {
      return Optional.empty();
    }
    List<Locale.LanguageRange> ranges;
    try {
      ranges = Locale.LanguageRange.parse(acceptLanguage);
    } catch (IllegalArgumentException malformed) {
      return Optional.empty();
    }
    return ranges.stream()
        .filter(range -> range.getWeight() > 0 && !range.getRange().startsWith("*"))
        .findFirst()
        .map(range -> toCode(range.getRange()));
  }

  private static String toCode(String range) {
    String[] parts = range.split("-");
    String language = parts[0].toLowerCase(Locale.ROOT);
    return parts.length > 1 && parts[1].length() >= 2
        ? language + "_" + parts[1].toUpperCase(Locale.ROOT)
        : language;
  }
}
