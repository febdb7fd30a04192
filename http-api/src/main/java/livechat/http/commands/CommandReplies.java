package livechat.http.commands;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import livechat.engine.pages.VisitorPages;

/** The sentences an operator reads in answer to a command. */
final class CommandReplies {

  private static final DateTimeFormatter AT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  private CommandReplies() {}

  /** One line a page, most recent first: its title (when it has one), its address and when. */
  static String history(List<VisitorPages.Page> pages) {
    if (pages.isEmpty()) {
      return "The visitor has not opened any page yet.";
    }
    StringBuilder reply =
        new StringBuilder("Pages the visitor opened, most recent first (")
            .append(pages.size())
            .append("):");
    for (VisitorPages.Page page : pages) {
      reply.append("\n• ");
      if (page.title() != null) {
        reply.append(page.title()).append(" — ");
      }
      reply.append(page.url()).append(" (").append(AT.format(page.at())).append(')');
    }
    return reply.toString();
  }

  static String closed(boolean wasClosed) {
    return wasClosed ? "This conversation was already closed." : "You closed the conversation.";
  }

  static String transferred(String displayName) {
    return "You transferred the conversation to " + displayName + ".";
  }
}
