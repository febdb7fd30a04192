package livechat.readside.webhooks;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import livechat.engine.conversation.MessageTags;
import livechat.readside.TagFollower;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * Webhooks on a node: every node reads them to tag messages while one asks for {@code
 * conversation.message} ({@link MessageTags}); one node of the cluster, a singleton, delivers them
 * ({@link Deliveries}).
 */
public final class WebhookService {

  private WebhookService() {}

  /**
   * Starts reading and delivering webhooks; completes once this node has read them a first time, so
   * that it tags messages from its first one on when a webhook asks for them.
   */
  public static CompletionStage<Done> start(ActorSystem<?> system, DeliveryLog log) {
    WebhookSettings settings = WebhookSettings.fromConfig(system.settings().config());
    Duration askTimeout = system.settings().config().getDuration("livechat.entity-ask-timeout");
    CompletableFuture<Done> firstRead = new CompletableFuture<>();
    MessageTags tags = MessageTags.get(system);
    system.systemActorOf(
        WebhookReads.create(
            settings.refreshInterval(),
            askTimeout,
            listing -> {
              tags.tag(listing.messagesWanted(), listing.revision());
              firstRead.complete(Done.done());
            }),
        "webhook-message-tags",
        Props.empty());
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.requestTimeout())
            .build();
    TagFollower follower = new TagFollower(system, TagFollower.OffsetSaving.EVERY_EVENT);
    ClusterSingleton.get(system)
        .init(
            SingletonActor.of(
                Behaviors.<WebhookReads.Command>setup(
                    context ->
                        WebhookReads.create(
                            settings.refreshInterval(),
                            askTimeout,
                            new Deliveries(follower, client, settings, log))),
                "webhook-deliveries"));
    return firstRead;
  }
}
