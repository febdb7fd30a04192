package livechat.engine.reports;

import java.util.List;

/**
 * A page of a conversation list, most recent start first; {@code next} is null after the last page.
 * A page may hold fewer than asked, even none, while {@code next} is not null: a filtered page
 * stops after reading {@code livechat.read-side.max-scanned-rows} rows.
 */
public record ConversationPage(List<ConversationRecord> conversations, ListCursor next) {}
