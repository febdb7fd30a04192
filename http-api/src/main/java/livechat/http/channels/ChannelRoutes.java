package livechat.http.channels;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.Channel;
import livechat.engine.ChannelCatalog;
import livechat.engine.EntityDirectory;
import livechat.engine.Operator;
import livechat.http.ApiRoute;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/** Channels: created by the admin, joined and left by operators, where visitors start chats. */
public final class ChannelRoutes extends ApiRoute {

  private final Authentication auth;
  private final EntityDirectory directory;

  public ChannelRoutes(ActorSystem<?> system, Authentication auth, EntityDirectory directory) {
    super(system);
    this.auth = auth;
    this.directory = directory;
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api").slash("admin").slash("channels"),
            () -> post(() -> auth.admin(this::createChannel))),
        path(
            PathMatchers.segment("api").slash("channels"),
            () -> get(() -> auth.operator(this::overview))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("join"),
            channelId -> post(() -> auth.operator(operatorId -> join(operatorId, channelId)))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("leave"),
            channelId -> post(() -> auth.operator(operatorId -> leave(operatorId, channelId)))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("conversations"),
            channelId -> post(() -> startConversation(channelId))));
  }

  private Route createChannel() {
    return entity(
        Json.unmarshaller(ChannelJson.CreateRequest.class),
        body -> {
          String channelId = UUID.randomUUID().toString();
          return reply(
              StatusCodes.CREATED,
              this.<Channel.Command, Channel.Summary>ask(
                      directory.channel(channelId),
                      replyTo -> new Channel.Create(body.name(), replyTo))
                  .thenCompose(
                      summary ->
                          this.<ChannelCatalog.Command, Done>ask(
                                  ChannelCatalog.entity(system),
                                  replyTo -> new ChannelCatalog.Add(channelId, replyTo))
                              .thenApply(added -> summary)),
              summary -> new ChannelJson.Created(summary.id(), summary.name()));
        });
  }

  private Route overview(String operatorId) {
    CompletionStage<List<ChannelJson.Card>> cards =
        ask(directory.operator(operatorId), Operator.GetProfile::new)
            .thenCombine(
                this.<ChannelCatalog.Command, ChannelCatalog.Channels>ask(
                    ChannelCatalog.entity(system), ChannelCatalog.ListChannels::new),
                (profile, catalog) ->
                    catalog.channelIds().stream()
                        .map(
                            channelId ->
                                summary(channelId)
                                    .thenApply(
                                        summary ->
                                            ChannelJson.Card.of(
                                                summary, profile.channels().contains(channelId)))
                                    .toCompletableFuture())
                        .toList())
            .thenCompose(
                pending ->
                    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
                        .thenApply(done -> pending.stream().map(CompletableFuture::join).toList()));
    return reply(StatusCodes.OK, cards, list -> list);
  }

  private Route join(String operatorId, String channelId) {
    return reply(
        StatusCodes.OK,
        this.<Operator.Command, Operator.Profile>ask(
                directory.operator(operatorId),
                replyTo -> new Operator.JoinChannel(channelId, replyTo))
            .thenCompose(profile -> card(channelId, profile)),
        card -> card);
  }

  private Route leave(String operatorId, String channelId) {
    return reply(
        StatusCodes.OK,
        summary(channelId)
            .thenCompose(
                known ->
                    this.<Operator.Command, Operator.Profile>ask(
                        directory.operator(operatorId),
                        replyTo -> new Operator.LeaveChannel(channelId, replyTo)))
            .thenCompose(profile -> card(channelId, profile)),
        card -> card);
  }

  /** The channel's card as the operator sees it. */
  private CompletionStage<ChannelJson.Card> card(String channelId, Operator.Profile profile) {
    return summary(channelId)
        .thenApply(summary -> ChannelJson.Card.of(summary, profile.channels().contains(channelId)));
  }

  private Route startConversation(String channelId) {
    return optionalHeaderValueByName(
        "Accept-Language",
        acceptLanguage ->
            extractRequestEntity(
                requestEntity ->
                    entity(
                        startRequest(requestEntity),
                        body -> {
                          String conversationId = UUID.randomUUID().toString();
                          String language =
                              VisitorLanguage.from(acceptLanguage.orElse(null)).orElse(null);
                          return reply(
                              StatusCodes.CREATED,
                              this.<Channel.Command, Channel.Started>ask(
                                  directory.channel(channelId),
                                  replyTo ->
                                      new Channel.StartConversation(
                                          conversationId,
                                          body.visitorName(),
                                          language,
                                          body.pageUrl(),
                                          replyTo)),
                              started ->
                                  new ChannelJson.Started(
                                      started.conversationId(),
                                      auth.tokens().forVisitor(started.conversationId()),
                                      started.status(),
                                      started.operatorDisplayName() == null
                                          ? null
                                          : new ChannelJson.OperatorName(
                                              started.operatorDisplayName()),
                                      started.queuePosition()));
                        })));
  }

  /** The body is optional: a request without one starts an anonymous conversation. */
  private static Unmarshaller<HttpEntity, ChannelJson.StartRequest> startRequest(
      HttpEntity requestEntity) {
    return requestEntity.isKnownEmpty()
        ? Unmarshaller.sync(empty -> new ChannelJson.StartRequest(null, null))
        : Json.unmarshaller(ChannelJson.StartRequest.class);
  }

  private CompletionStage<Channel.Summary> summary(String channelId) {
    return ask(directory.channel(channelId), Channel.GetSummary::new);
  }
}
