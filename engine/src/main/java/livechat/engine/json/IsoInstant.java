package livechat.engine.json;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * An instant as {@link DateTimeFormatter#ISO_INSTANT} writes it ({@code 2026-11-30T14:49:05.123Z}:
 * the fraction in groups of three digits, as many as it needs), written into a buffer rather than
 * through the formatter, which allocates several objects for every instant. Years outside 0 to 9999
 * are left to the formatter.
 */
public final class IsoInstant {

  /** The longest text: {@code yyyy-MM-ddTHH:mm:ss.nnnnnnnnnZ}. */
  public static final int MAX_LENGTH = 30;

  private static final long SECONDS_PER_DAY = 86_400;
  private static final long FIRST_SECOND = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
  private static final long LAST_SECOND = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();

  private IsoInstant() {}

  /** The instant's text. */
  public static String format(Instant instant) {
    char[] text = new char[MAX_LENGTH];
    int length = write(instant, text);
    return length < 0 ? DateTimeFormatter.ISO_INSTANT.format(instant) : new String(text, 0, length);
  }

  /**
   * Writes the instant's text at the start of {@code text} (at least {@link #MAX_LENGTH} long) and
   * returns its length, or -1 for a year outside 0 to 9999.
   */
  public static int write(Instant instant, char[] text) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_SECOND || seconds > LAST_SECOND) {
      return -1;
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    int at = digits(text, 0, date.getYear(), 4);
    text[at++] = '-';
    at = digits(text, at, date.getMonthValue(), 2);
    text[at++] = '-';
    at = digits(text, at, date.getDayOfMonth(), 2);
    text[at++] = 'T';
    at = digits(text, at, secondOfDay / 3600, 2);
    text[at++] = ':';
    at = digits(text, at, secondOfDay / 60 % 60, 2);
    text[at++] = ':';
    at = digits(text, at, secondOfDay % 60, 2);
    int nanos = instant.getNano();
    if (nanos != 0) {
      text[at++] = '.';
      if (nanos % 1_000_000 == 0) {
        at = digits(text, at, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        at = digits(text, at, nanos / 1_000, 6);
      } else {
        at = digits(text, at, nanos, 9);
      }
    }
    text[at++] = 'Z';
    return at;
  }

  /** Writes {@code value} as exactly {@code count} decimal digits, zero-padded. */
  private static int digits(char[] text, int at, int value, int count) {
    for (int i = at + count - 1; i >= at; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
    return at + count;
  }
}
