package livechat.http.conversations;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.Conversation.Participant;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/** A conversation as the operator assigned to it sees it; any other operator is refused (403). */
public final class AssignedConversations {

  private final ActorSystem<?> system;
  private final EntityDirectory directory;
  private final Duration askTimeout;

  public AssignedConversations(ActorSystem<?> system, EntityDirectory directory) {
    this.system = system;
    this.directory = directory;
    this.askTimeout = system.settings().config().getDuration("livechat.http.ask-timeout");
  }

  public CompletionStage<Conversation.View> view(String conversationId, String operatorId) {
    Participant operator = Participant.operator(operatorId);
    return AskPattern.<Conversation.Command, Conversation.View>askWithStatus(
            directory.conversation(conversationId),
            replyTo -> new Conversation.GetView(operator, replyTo),
            askTimeout,
            system.scheduler())
        .thenCompose(
            view ->
                operatorId.equals(view.operatorId())
                    ? CompletableFuture.completedFuture(view)
                    : CompletableFuture.failedFuture(
                        Rejection.forbidden(
                            "not_your_conversation", "This conversation is not assigned to you.")));
  }
}
