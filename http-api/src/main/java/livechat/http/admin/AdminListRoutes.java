package livechat.http.admin;

import static livechat.http.Ids.Kind.CONVERSATION;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.EntityDirectory;
import livechat.engine.conversation.Conversation;
import livechat.engine.conversation.ConversationHistory;
import livechat.engine.operator.Operator;
import livechat.engine.reports.ConversationFilter;
import livechat.engine.reports.ReadSide;
import livechat.engine.reports.ReadSideSettings;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.auth.Authentication;
import livechat.http.conversations.ConversationJson;
import livechat.http.operators.OperatorJson;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The administrator's lists: conversations and operators a page at a time from the read side, and a
 * conversation's transcript from the conversation and its journal.
 */
public final class AdminListRoutes extends ApiRoute {

  private static final int TRANSCRIPT_PAGE = 500;

  private final Authentication auth;
  private final EntityDirectory directory;
  private final ConversationHistory history;
  private final ReadSide readSide;
  private final ReadSideSettings settings;

  public AdminListRoutes(
      ActorSystem<?> system,
      Authentication auth,
      EntityDirectory directory,
      ConversationHistory history,
      ReadSide readSide) {
    super(system);
    this.auth = auth;
    this.directory = directory;
    this.history = history;
    this.readSide = readSide;
    this.settings = ReadSideSettings.fromConfig(system.settings().config());
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api").slash("admin").slash("operators"),
            () -> get(() -> auth.admin(() -> parameterMap(this::operators)))),
        path(
            PathMatchers.segment("api").slash("admin").slash("conversations"),
            () -> get(() -> auth.admin(() -> parameterMap(this::conversations)))),
        path(
            PathMatchers.segment("api")
                .slash("admin")
                .slash("conversations")
                .slash(PathMatchers.segment())
                .slash("transcript"),
            conversationId ->
                get(
                    () ->
                        auth.admin(
                            () ->
                                Ids.known(
                                    CONVERSATION,
                                    conversationId,
                                    () -> transcript(conversationId))))));
  }

  private Route conversations(Map<String, String> query) {
    QueryParameters parameters = new QueryParameters(query, settings);
    QueryParameters.Period period = parameters.period();
    ConversationFilter filter =
        new ConversationFilter(
            parameters.status(),
            parameters.id("channelId", "invalid_channel_id"),
            parameters.id("operatorId", "invalid_operator_id"),
            period.from(),
            period.to());
    return reply(
        StatusCodes.OK,
        ReadSideAnswers.orUnavailable(
            readSide.conversations(filter, parameters.conversationCursor(), parameters.limit())),
        page ->
            new AdminJson.Conversations(
                page.conversations().stream().map(AdminJson.ListedConversation::of).toList(),
                page.next() == null ? null : page.next().encode()));
  }

  private Route operators(Map<String, String> query) {
    QueryParameters parameters = new QueryParameters(query, settings);
    String after = parameters.operatorCursor();
    int limit = parameters.limit();
    return reply(
        StatusCodes.OK,
        ReadSideAnswers.orUnavailable(readSide.operators(after, limit))
            .thenCompose(
                page -> {
                  List<CompletableFuture<Operator.Profile>> profiles = new ArrayList<>();
                  for (String operatorId : page.operatorIds()) {
                    profiles.add(
                        this.<Operator.Command, Operator.Profile>ask(
                                directory.operator(operatorId), Operator.GetProfile::new)
                            .toCompletableFuture());
                  }
                  return CompletableFuture.allOf(profiles.toArray(CompletableFuture[]::new))
                      .thenApply(
                          all ->
                              new AdminJson.Operators(
                                  profiles.stream()
                                      .map(CompletableFuture::join)
                                      .map(OperatorJson.Profile::of)
                                      .toList(),
                                  QueryParameters.operatorCursorOf(page.next())));
                }),
        json -> json);
  }

  private Route transcript(String conversationId) {
    CompletionStage<AdminJson.Transcript> transcript =
        this.<Conversation.Command, Conversation.View>ask(
                directory.conversation(conversationId),
                replyTo -> new Conversation.GetView(null, replyTo))
            .thenCompose(
                view ->
                    messages(conversationId, 0, new ArrayList<>())
                        .thenApply(
                            messages ->
                                AdminJson.Transcript.of(ConversationJson.View.of(view), messages)));
    return reply(StatusCodes.OK, transcript, json -> json);
  }

  /** Every message after {@code afterSeq}, a page at a time. */
  private CompletionStage<List<ConversationJson.Message>> messages(
      String conversationId, long afterSeq, List<ConversationJson.Message> gathered) {
    return history
        .page(conversationId, afterSeq, TRANSCRIPT_PAGE)
        .thenCompose(
            page -> {
              page.messages()
                  .forEach(message -> gathered.add(ConversationJson.Message.of(message)));
              long last = gathered.isEmpty() ? afterSeq : gathered.get(gathered.size() - 1).seq();
              if (page.messages().isEmpty() || last >= page.lastSeq()) {
                return CompletableFuture.completedFuture(List.copyOf(gathered));
              }
              return messages(conversationId, last, gathered);
            });
  }
}
