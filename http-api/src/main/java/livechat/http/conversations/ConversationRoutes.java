package livechat.http.conversations;

import static livechat.http.Ids.Kind.CONVERSATION;
import static livechat.http.Ids.Kind.OPERATOR;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.ConversationHistory;
import livechat.engine.operator.Operator;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.InvalidRequest;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import livechat.http.metrics.Metrics;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Conversations: the operator's inbox, and what the operator assigned to a conversation or its
 * visitor may read and do in it.
 */
public final class ConversationRoutes extends ApiRoute {

  private static final int DEFAULT_PAGE = 100;

  private final Authentication auth;
  private final EntityDirectory directory;
  private final ConversationHistory history;

  public ConversationRoutes(
      ActorSystem<?> system,
      Authentication auth,
      EntityDirectory directory,
      ConversationHistory history) {
    super(system);
    this.auth = auth;
    this.directory = directory;
    this.history = history;
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api").slash("conversations"),
            () -> get(() -> auth.operator(this::inbox))),
        pathPrefix(
            PathMatchers.segment("api").slash("conversations").slash(PathMatchers.segment()),
            conversationId ->
                auth.participant(
                    conversationId,
                    participant ->
                        Ids.known(
                            CONVERSATION,
                            conversationId,
                            () -> conversation(conversationId, participant)))));
  }

  private Route conversation(String conversationId, Participant participant) {
    return concat(
        pathEnd(() -> get(() -> view(conversationId, participant))),
        path(
            "messages",
            () ->
                concat(
                    get(() -> messages(conversationId, participant)),
                    post(() -> send(conversationId, participant)))),
        path("seen", () -> post(() -> seen(conversationId, participant))),
        path("close", () -> post(() -> close(conversationId, participant))),
        path("rating", () -> post(() -> rate(conversationId, participant))),
        path("transfer", () -> post(() -> transfer(conversationId, participant))));
  }

  private Route inbox(String operatorId) {
    Participant viewer = Participant.operator(operatorId);
    CompletionStage<List<ConversationJson.InboxEntry>> entries =
        ask(directory.operator(operatorId), Operator.GetProfile::new)
            .thenCompose(
                profile -> {
                  List<CompletableFuture<Optional<Conversation.View>>> views =
                      profile.recentConversations().stream()
                          .map(id -> viewIfReachable(id, viewer))
                          .toList();
                  return CompletableFuture.allOf(views.toArray(CompletableFuture[]::new))
                      .thenApply(
                          done ->
                              views.stream()
                                  .map(CompletableFuture::join)
                                  .flatMap(Optional::stream)
                                  .filter(view -> operatorId.equals(view.operatorId()))
                                  .sorted(
                                      Comparator.comparing(Conversation.View::lastActivityAt)
                                          .reversed())
                                  .map(ConversationJson.InboxEntry::of)
                                  .toList());
                });
    return reply(StatusCodes.OK, entries, list -> list);
  }

  private CompletableFuture<Optional<Conversation.View>> viewIfReachable(
      String conversationId, Participant viewer) {
    return this.<Conversation.Command, Conversation.View>ask(
            directory.conversation(conversationId),
            replyTo -> new Conversation.GetView(viewer, replyTo))
        .thenApply(Optional::of)
        .exceptionally(unreachable -> Optional.empty())
        .toCompletableFuture();
  }

  private Route view(String conversationId, Participant participant) {
    return reply(
        StatusCodes.OK, readableView(conversationId, participant), ConversationJson.View::of);
  }

  private Route messages(String conversationId, Participant participant) {
    return parameterOptional(
        "after",
        after ->
            parameterOptional(
                "limit",
                limit -> {
                  long afterSeq = number("after", after, 0, Long.MAX_VALUE, 0);
                  int pageSize = (int) number("limit", limit, 1, 500, DEFAULT_PAGE);
                  return reply(
                      StatusCodes.OK,
                      readableView(conversationId, participant)
                          .thenCompose(
                              readable -> history.page(conversationId, afterSeq, pageSize)),
                      page ->
                          new ConversationJson.Messages(
                              page.messages().stream().map(ConversationJson.Message::of).toList()));
                }));
  }

  private Route send(String conversationId, Participant participant) {
    long receivedAt = System.nanoTime();
    return entity(
        Json.unmarshaller(ConversationJson.SendRequest.class),
        body ->
            onSuccess(
                this.<Conversation.Command, Conversation.MessageAccepted>ask(
                        directory.conversation(conversationId),
                        replyTo ->
                            new Conversation.SendMessage(
                                participant, body.text(), body.clientMessageId(), replyTo))
                    .thenApply(
                        accepted -> {
                          Metrics.get(system)
                              .messages()
                              .stored(Duration.ofNanos(System.nanoTime() - receivedAt));
                          return accepted;
                        }),
                accepted ->
                    complete(
                        accepted.duplicate() ? StatusCodes.OK : StatusCodes.CREATED,
                        new ConversationJson.Sent(accepted.seq()),
                        Json.marshaller())));
  }

  private Route seen(String conversationId, Participant participant) {
    return entity(
        Json.unmarshaller(ConversationJson.SeenRequest.class),
        body ->
            replyEmpty(
                StatusCodes.NO_CONTENT,
                this.<Conversation.Command, Done>ask(
                    directory.conversation(conversationId),
                    replyTo -> new Conversation.MarkSeen(participant, body.seq(), replyTo))));
  }

  private Route close(String conversationId, Participant participant) {
    return reply(
        StatusCodes.OK,
        this.<Conversation.Command, Conversation.View>ask(
            directory.conversation(conversationId),
            replyTo -> new Conversation.Close(participant, replyTo)),
        ConversationJson.View::of);
  }

  private Route rate(String conversationId, Participant participant) {
    if (!participant.isVisitor()) {
      return failWith(Rejection.forbidden("forbidden", "Only the visitor rates a conversation."));
    }
    return entity(
        Json.unmarshaller(ConversationJson.RatingRequest.class),
        body ->
            replyEmpty(
                StatusCodes.NO_CONTENT,
                this.<Conversation.Command, Done>ask(
                    directory.conversation(conversationId),
                    replyTo -> new Conversation.Rate(body.value(), body.comment(), replyTo))));
  }

  private Route transfer(String conversationId, Participant participant) {
    return entity(
        Json.unmarshaller(ConversationJson.TransferRequest.class),
        body ->
            Ids.known(
                OPERATOR,
                body.operatorId(),
                () ->
                    reply(
                        StatusCodes.OK,
                        this.<Conversation.Command, Conversation.View>ask(
                            directory.conversation(conversationId),
                            replyTo ->
                                new Conversation.Transfer(participant, body.operatorId(), replyTo)),
                        ConversationJson.View::of)));
  }

  /** The conversation as the participant sees it; an operator sees only its own. */
  private CompletionStage<Conversation.View> readableView(
      String conversationId, Participant participant) {
    return this.<Conversation.Command, Conversation.View>ask(
            directory.conversation(conversationId),
            replyTo -> new Conversation.GetView(participant, replyTo))
        .thenCompose(
            view ->
                participant.isVisitor() || participant.operatorId().equals(view.operatorId())
                    ? CompletableFuture.completedFuture(view)
                    : CompletableFuture.failedFuture(notYours()));
  }

  private static Rejection notYours() {
    return Rejection.forbidden(
        "not_your_conversation", "This conversation is not assigned to you.");
  }

  private static long number(
      String name, Optional<String> value, long min, long max, long fallback) {
    if (value.isEmpty()) {
      return fallback;
    }
    try {
      long number = Long.parseLong(value.get());
      if (number >= min && number <= max) {
        return number;
      }
    } catch (NumberFormatException notANumber) {
      // answered below
    }
    throw new InvalidRequest(
        "invalid_parameter",
        "Parameter '" + name + "' must be a whole number from " + min + " to " + max + ".");
  }
}
