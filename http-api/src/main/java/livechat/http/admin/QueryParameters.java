package livechat.http.admin;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import livechat.engine.Rejection;
import livechat.engine.reports.ListCursor;
import livechat.engine.reports.ReadSideSettings;
import livechat.http.Ids;

/**
 * The query parameters of the admin lists and reports, checked strictly: anything malformed is a
 * 400 {@link Rejection} that names the parameter.
 */
final class QueryParameters {

  private static final Set<String> STATUSES = Set.of("waiting", "active", "closed");

  private final Map<String, String> query;
  private final ReadSideSettings settings;

  QueryParameters(Map<String, String> query, ReadSideSettings settings) {
    this.query = query;
    this.settings = settings;
  }

  int limit() {
    String value = query.get("limit");
    if (value == null) {
      return settings.defaultPageSize();
    }
    try {
      int limit = Integer.parseInt(value);
      if (limit >= 1 && limit <= settings.maxPageSize()) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw Rejection.invalid(
        "invalid_limit", "limit must be a whole number from 1 to " + settings.maxPageSize() + ".");
  }

  /** The instant of a parameter, or null when it is absent. */
  Instant instant(String name) {
    String value = query.get(name);
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw Rejection.invalid(
          "invalid_" + name,
          name + " must be an ISO-8601 instant in UTC, such as 2026-11-29T00:00:00Z.");
    }
  }

  /** [from, to): either may be null (open). */
  record Period(Instant from, Instant to) {}

  /** from and to, both optional; from before to when both are given. */
  Period period() {
    Instant from = instant("from");
    Instant to = instant("to");
    if (from != null && to != null && !from.isBefore(to)) {
      throw Rejection.invalid("invalid_period", "from must be before to.");
    }
    return new Period(from, to);
  }

  /** from and to, both required, at most max-report-period apart. */
  Period reportPeriod() {
    Period period = period();
    if (period.from() == null || period.to() == null) {
      throw Rejection.invalid(
          "invalid_period", "A report needs from and to, ISO-8601 instants in UTC.");
    }
    Duration max = settings.maxReportPeriod();
    if (Duration.between(period.from(), period.to()).compareTo(max) > 0) {
      throw Rejection.invalid(
          "invalid_period", "A report covers at most " + max.toDays() + " days.");
    }
    return period;
  }

  String status() {
    String status = query.get("status");
    if (status != null && !STATUSES.contains(status)) {
      throw Rejection.invalid("invalid_status", "status must be waiting, active or closed.");
    }
    return status;
  }

  /** An id filter: absent, or an id of the form the node gives; {@code code} names its error. */
  String id(String name, String code) {
    String id = query.get(name);
    if (id != null && !Ids.wellFormed(id)) {
      throw Rejection.invalid(code, name + " must be an id the node gave.");
    }
    return id;
  }

  ListCursor conversationCursor() {
    String after = query.get("after");
    return after == null ? null : ListCursor.decode(after);
  }

  /** The login an operators page starts after; null for the first page. */
  String operatorCursor() {
    String after = query.get("after");
    if (after == null) {
      return null;
    }
    try {
      String login = new String(Base64.getUrlDecoder().decode(after), StandardCharsets.UTF_8);
      if (!login.isEmpty()) {
        return login;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw Rejection.invalid("invalid_cursor", "after must be the next cursor of an earlier page.");
  }

  static String operatorCursorOf(String login) {
    return login == null
        ? null
        : Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(login.getBytes(StandardCharsets.UTF_8));
  }
}
