package livechat.http.webhooks;

import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.Rejection;
import livechat.engine.conversation.MessageTags;
import livechat.engine.reports.ReadSide;
import livechat.engine.webhooks.Webhook;
import livechat.engine.webhooks.WebhookEventTypes;
import livechat.engine.webhooks.Webhooks;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** The admin's webhooks: registered, listed with their last delivery, removed. */
public final class WebhookRoutes extends ApiRoute {

  private static final Rejection UNKNOWN_WEBHOOK =
      Rejection.notFound("unknown_webhook", "There is no webhook with this id.");

  private final Authentication auth;
  private final ReadSide readSide;
  private final Clock clock;

  public WebhookRoutes(ActorSystem<?> system, Authentication auth, ReadSide readSide, Clock clock) {
    super(system);
    this.auth = auth;
    this.readSide = readSide;
    this.clock = clock;
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api").slash("admin").slash("webhooks"),
            () -> auth.admin(() -> concat(get(this::list), post(this::register)))),
        path(
            PathMatchers.segment("api")
                .slash("admin")
                .slash("webhooks")
                .slash(PathMatchers.segment()),
            id ->
                auth.admin(() -> Ids.known(UNKNOWN_WEBHOOK, id, () -> delete(() -> remove(id))))));
  }

  private Route list() {
    return reply(
        StatusCodes.OK,
        this.<Webhooks.Command, Webhooks.Listing>ask(Webhooks.entity(system), Webhooks.ListAll::new)
            .thenCombine(
                readSide.lastDeliveries(),
                (listing, last) ->
                    listing.webhooks().stream()
                        .map(webhook -> WebhookJson.Listed.of(webhook, last.get(webhook.id())))
                        .toList()),
        listed -> listed);
  }

  private Route register() {
    return entity(
        Json.unmarshaller(WebhookJson.Request.class),
        body ->
            reply(
                StatusCodes.CREATED,
                this.<Webhooks.Command, Webhook>ask(
                        Webhooks.entity(system),
                        replyTo ->
                            new Webhooks.Register(
                                UUID.randomUUID().toString(),
                                body.url(),
                                body.events(),
                                body.secret(),
                                clock.instant(),
                                replyTo))
                    .thenCompose(this::tagMessagesIfAsked),
                WebhookJson.Registered::of));
  }

  /**
   * This node tags messages from now on when the webhook asks for them; the others do once they
   * read the webhooks again ({@code livechat.webhooks.refresh-interval}).
   */
  private CompletionStage<Webhook> tagMessagesIfAsked(Webhook webhook) {
    if (!webhook.wants(WebhookEventTypes.MESSAGE)) {
      return CompletableFuture.completedFuture(webhook);
    }
    return this.<Webhooks.Command, Webhooks.Listing>ask(
            Webhooks.entity(system), Webhooks.ListAll::new)
        .thenApply(
            listing -> {
              MessageTags.get(system).tag(listing.messagesWanted(), listing.revision());
              return webhook;
            });
  }

  private Route remove(String id) {
    return replyEmpty(
        StatusCodes.NO_CONTENT,
        this.<Webhooks.Command, Done>ask(
            Webhooks.entity(system), replyTo -> new Webhooks.Remove(id, replyTo)));
  }
}
