package livechat.engine.reports;

import java.util.Map;

/**
 * A channel's figures over the conversations that started in a period; see {@link Reports} for what
 * each counts.
 */
public record ChannelReport(
    int conversations,
    int answered,
    int missed,
    long messages,
    Figures firstAnswerSeconds,
    Figures durationSeconds,
    Map<Integer, Integer> ratings,
    Double ratedShare) {}
