package livechat.http.channels;

import static livechat.http.Ids.Kind.CHANNEL;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import livechat.engine.ChannelCatalog;
import livechat.engine.EntityDirectory;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import livechat.http.limits.RateLimits;
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
  private final KnownChannels knownChannels;
  private final RateLimits limits;

  public ChannelRoutes(
      ActorSystem<?> system, Authentication auth, EntityDirectory directory, RateLimits limits) {
    super(system);
    this.auth = auth;
    this.directory = directory;
    this.limits = limits;
    this.knownChannels =
        new KnownChannels(
            system, system.settings().config().getDuration("livechat.http.ask-timeout"));
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api").slash("admin").slash("channels"),
            () -> post(() -> auth.admin(this::createChannel))),
        path(
            PathMatchers.segment("api").slash("channels"),
            () -> get(() -> auth.operatorOrAdmin(this::overview))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("status"),
            channelId -> get(() -> existing(channelId, () -> status(channelId)))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("operators"),
            channelId ->
                get(
                    () ->
                        auth.operator(
                            operatorId -> existing(channelId, () -> operators(channelId))))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("join"),
            channelId ->
                post(
                    () ->
                        auth.operator(
                            operatorId -> existing(channelId, () -> join(operatorId, channelId))))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("leave"),
            channelId ->
                post(
                    () ->
                        auth.operator(
                            operatorId ->
                                existing(channelId, () -> leave(operatorId, channelId))))),
        path(
            PathMatchers.segment("api")
                .slash("channels")
                .slash(PathMatchers.segment())
                .slash("conversations"),
            channelId ->
                post(
                    () ->
                        existing(
                            channelId,
                            () -> limits.conversationStart(() -> startConversation(channelId))))));
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
                              .thenApply(
                                  added -> {
                                    knownChannels.add(channelId);
                                    return summary;
                                  })),
              summary -> new ChannelJson.Created(summary.id(), summary.name()));
        });
  }

  /** Every channel's card; for the admin, {@code joined} is always false. */
  private Route overview(Optional<String> operatorId) {
    CompletionStage<List<String>> joinedChannels =
        operatorId.isPresent()
            ? this.<Operator.Command, Operator.Profile>ask(
                    directory.operator(operatorId.get()), Operator.GetProfile::new)
                .thenApply(Operator.Profile::channels)
            : CompletableFuture.completedFuture(List.of());
    CompletionStage<List<ChannelJson.Card>> cards =
        joinedChannels
            .thenCombine(
                this.<ChannelCatalog.Command, ChannelCatalog.Channels>ask(
                    ChannelCatalog.entity(system), ChannelCatalog.ListChannels::new),
                (joined, catalog) ->
                    catalog.channelIds().stream()
                        .map(
                            channelId ->
                                summary(channelId)
                                    .thenApply(
                                        summary ->
                                            ChannelJson.Card.of(
                                                summary, joined.contains(channelId))))
                        .toList())
            .thenCompose(ChannelRoutes::all);
    return reply(StatusCodes.OK, cards, list -> list);
  }

  /** What a visitor's widget shows before a conversation: can anyone answer now? */
  private Route status(String channelId) {
    return reply(StatusCodes.OK, summary(channelId), ChannelJson.Status::of);
  }

  /** The operators in the channel, for the transfer picker. */
  private Route operators(String channelId) {
    return reply(
        StatusCodes.OK,
        summary(channelId)
            .thenCompose(
                summary ->
                    all(
                        summary.members().stream()
                            .map(
                                memberId ->
                                    this.<Operator.Command, Operator.Profile>ask(
                                            directory.operator(memberId), Operator.GetProfile::new)
                                        .thenApply(ChannelJson.Member::of))
                            .toList())),
        list -> list);
  }

  private static <T> CompletionStage<List<T>> all(List<CompletionStage<T>> stages) {
    List<CompletableFuture<T>> pending =
        stages.stream().map(CompletionStage::toCompletableFuture).toList();
    return CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .thenApply(done -> pending.stream().map(CompletableFuture::join).toList());
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

  /**
   * The inner route for a channel that exists: a well-formed id the catalog knows. Any other is a
   * 404 before anything reaches the channel entities.
   */
  private Route existing(String channelId, Supplier<Route> inner) {
    return Ids.known(
        CHANNEL,
        channelId,
        () ->
            onSuccess(
                knownChannels.exists(channelId),
                exists -> exists ? inner.get() : failWith(CHANNEL.unknown())));
  }

  private CompletionStage<Channel.Summary> summary(String channelId) {
    return ask(directory.channel(channelId), Channel.GetSummary::new);
  }
}
