package livechat.engine.reports;

import java.time.Instant;

/**
 * Which conversations a list holds: each field null for any. {@code from} inclusive, {@code to}
 * exclusive, on the start time.
 */
public record ConversationFilter(
    String status, String channelId, String operatorId, Instant from, Instant to) {}
