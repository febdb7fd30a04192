package livechat.bench.load;

/**
 * A conversation the generator drives: its id, the visitor's token and the token of the operator
 * socket that serves it (several conversations may share one operator).
 */
public record Conversation(String id, String visitorToken, String operatorToken) {}
