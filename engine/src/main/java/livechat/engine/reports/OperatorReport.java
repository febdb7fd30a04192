package livechat.engine.reports;

import java.util.Map;

/** An operator's figures over the conversations that started in a period and ended with it. */
public record OperatorReport(
    String operatorId,
    String displayName,
    int conversations,
    long messages,
    Figures firstAnswerSeconds,
    Map<Integer, Integer> ratings) {}
