package livechat.http.commands;

import static livechat.http.Ids.Kind.CONVERSATION;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.pages.VisitorPages;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import livechat.http.conversations.AssignedConversations;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * {@code POST /api/conversations/{id}/command}: the operator assigned to a conversation runs a
 * command ({@link OperatorCommand}) and reads the answer. Nothing of it is stored as a message or
 * shown to the visitor; {@code /close} and {@code /transfer} do what their routes do.
 */
public final class CommandRoutes extends ApiRoute {

  private final Authentication auth;
  private final EntityDirectory directory;
  private final AssignedConversations assignedConversations;
  private final ChannelOperatorFinder operators;

  public CommandRoutes(ActorSystem<?> system, Authentication auth, EntityDirectory directory) {
    super(system);
    this.auth = auth;
    this.directory = directory;
    this.assignedConversations = new AssignedConversations(system, directory);
    this.operators = new ChannelOperatorFinder(system, directory);
  }

  public Route route() {
    return path(
        PathMatchers.segment("api")
            .slash("conversations")
            .slash(PathMatchers.segment())
            .slash("command"),
        conversationId ->
            post(
                () ->
                    auth.operator(
                        operatorId ->
                            Ids.known(
                                CONVERSATION,
                                conversationId,
                                () ->
                                    entity(
                                        Json.unmarshaller(CommandJson.Request.class),
                                        body ->
                                            reply(
                                                StatusCodes.OK,
                                                run(
                                                    conversationId,
                                                    operatorId,
                                                    OperatorCommand.parse(body.text())),
                                                CommandJson.Reply::new))))));
  }

  private CompletionStage<String> run(
      String conversationId, String operatorId, OperatorCommand command) {
    return assignedConversations
        .view(conversationId, operatorId)
        .thenCompose(view -> answer(view, operatorId, command));
  }

  private CompletionStage<String> answer(
      Conversation.View view, String operatorId, OperatorCommand command) {
    if (command instanceof OperatorCommand.History) {
      return history(view.id());
    }
    if (command instanceof OperatorCommand.Close) {
      return close(view, operatorId);
    }
    if (command instanceof OperatorCommand.Transfer transfer) {
      return transfer(view, operatorId, transfer);
    }
    return CompletableFuture.completedFuture(OperatorCommand.HELP);
  }

  private CompletionStage<String> history(String conversationId) {
    return this.<VisitorPages.Command, VisitorPages.Pages>ask(
            VisitorPages.entity(system, conversationId), VisitorPages.GetPages::new)
        .thenApply(pages -> CommandReplies.history(pages.pages()));
  }

  private CompletionStage<String> close(Conversation.View view, String operatorId) {
    boolean wasClosed = view.status().equals("closed");
    return this.<Conversation.Command, Conversation.View>ask(
            directory.conversation(view.id()),
            replyTo -> new Conversation.Close(Participant.operator(operatorId), replyTo))
        .thenApply(closed -> CommandReplies.closed(wasClosed));
  }

  private CompletionStage<String> transfer(
      Conversation.View view, String operatorId, OperatorCommand.Transfer transfer) {
    if (view.status().equals("closed")) {
      return CompletableFuture.failedFuture(
          Rejection.conflict("conversation_closed", "The conversation is closed."));
    }
    return operators
        .find(view.channelId(), transfer.who(), operatorId)
        .thenCompose(
            target ->
                this.<Conversation.Command, Conversation.View>ask(
                    directory.conversation(view.id()),
                    replyTo ->
                        new Conversation.Transfer(
                            Participant.operator(operatorId), target.id(), replyTo)))
        .thenApply(moved -> CommandReplies.transferred(moved.operatorDisplayName()));
  }
}
