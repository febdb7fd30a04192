package livechat.http.pages;

import static livechat.http.Ids.Kind.CONVERSATION;

import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.pages.VisitorPages;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import livechat.http.conversations.AssignedConversations;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The pages a conversation's visitor opened: its widget reports them, the operator assigned reads
 * them. They are kept by {@link VisitorPages}, not by the conversation.
 */
public final class PageRoutes extends ApiRoute {

  private final Authentication auth;
  private final AssignedConversations assignedConversations;

  public PageRoutes(ActorSystem<?> system, Authentication auth, EntityDirectory directory) {
    super(system);
    this.auth = auth;
    this.assignedConversations = new AssignedConversations(system, directory);
  }

  public Route route() {
    return path(
        PathMatchers.segment("api")
            .slash("conversations")
            .slash(PathMatchers.segment())
            .slash("pages"),
        conversationId ->
            auth.participant(
                conversationId,
                participant ->
                    Ids.known(
                        CONVERSATION,
                        conversationId,
                        () ->
                            concat(
                                post(() -> report(conversationId, participant)),
                                get(() -> list(conversationId, participant))))));
  }

  private Route report(String conversationId, Participant participant) {
    if (!participant.isVisitor()) {
      return failWith(
          Rejection.forbidden("forbidden", "Only the conversation's visitor reports its pages."));
    }
    return entity(
        Json.unmarshaller(PageJson.Report.class),
        body ->
            replyEmpty(
                StatusCodes.NO_CONTENT,
                this.<VisitorPages.Command, Done>ask(
                    VisitorPages.entity(system, conversationId),
                    replyTo -> new VisitorPages.RecordPage(body.url(), body.title(), replyTo))));
  }

  private Route list(String conversationId, Participant participant) {
    if (participant.isVisitor()) {
      return failWith(
          Rejection.forbidden(
              "forbidden", "Only the operator assigned to the conversation reads its pages."));
    }
    return reply(
        StatusCodes.OK,
        assignedConversations
            .view(conversationId, participant.operatorId())
            .thenCompose(
                view ->
                    this.<VisitorPages.Command, VisitorPages.Pages>ask(
                        VisitorPages.entity(system, conversationId), VisitorPages.GetPages::new)),
        pages -> pages.pages().stream().map(PageJson.Page::of).toList());
  }
}
