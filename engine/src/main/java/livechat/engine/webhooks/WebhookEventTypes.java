package livechat.engine.webhooks;

import java.util.List;

/** The event types a webhook can ask for, as API.md names them. */
public final class WebhookEventTypes {

  public static final String STARTED = "conversation.started";
  public static final String ASSIGNED = "conversation.assigned";
  public static final String MESSAGE = "conversation.message";
  public static final String TRANSFERRED = "conversation.transferred";
  public static final String CLOSED = "conversation.closed";
  public static final String RATED = "conversation.rated";
  public static final String OPERATOR_DISCONNECTED = "operator.disconnected";

  public static final List<String> ALL =
      List.of(STARTED, ASSIGNED, MESSAGE, TRANSFERRED, CLOSED, RATED, OPERATOR_DISCONNECTED);

  private WebhookEventTypes() {}

  /** Whether the type is about conversations (delivered from their journals' tag). */
  public static boolean aboutConversations(String type) {
    return type.startsWith("conversation.");
  }
}
