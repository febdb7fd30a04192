package livechat.engine;

import java.util.regex.Pattern;

/**
 * Language codes as the product writes them: a lower-case language, an underscore and an upper-case
 * country or a three-digit region ({@code en_US}, {@code fr_BE}, {@code es_419}).
 */
public final class LanguageCode {

  private static final Pattern WELL_FORMED = Pattern.compile("[a-z]{2,3}_(?:[A-Z]{2}|[0-9]{3})");

  private LanguageCode() {}

  public static boolean isWellFormed(String code) {
    return code != null && WELL_FORMED.matcher(code).matches();
  }

  /** Whether the code is of the language: {@code fr_BE} and {@code fr} are. */
  public static boolean sameLanguage(String code, String languagePart) {
    return code.startsWith(languagePart)
        && (code.length() == languagePart.length() || code.charAt(languagePart.length()) == '_');
  }

  /** The language part of a code: {@code fr} for {@code fr_BE}. */
  public static String languagePart(String code) {
    int underscore = code.indexOf('_');
    return underscore < 0 ? code : code.substring(0, underscore);
  }
}
