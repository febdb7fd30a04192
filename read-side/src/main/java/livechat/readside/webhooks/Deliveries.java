package livechat.readside.webhooks;

import java.net.http.HttpClient;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.operator.OperatorEvent;
import livechat.engine.webhooks.Webhook;
import livechat.engine.webhooks.WebhookEventTypes;
import livechat.engine.webhooks.Webhooks;
import livechat.readside.TagFollower;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliveries this node runs: for each webhook, a {@link TagFollower} of the conversations' tag
 * and one of the operators' disconnections, as far as it asked for their events, each with its own
 * stored position ({@code webhook-<id>-conversations}, {@code webhook-<id>-operators}). A webhook
 * with no stored position starts with the events written since it was registered.
 */
final class Deliveries implements WebhookReads.Reader {

  private static final Logger LOG = LoggerFactory.getLogger(Deliveries.class);

  private record Running(Delivery delivery, List<UniqueKillSwitch> streams) {}

  private final TagFollower follower;
  private final HttpClient client;
  private final WebhookSettings settings;
  private final DeliveryLog log;
  private final Map<String, Running> running = new HashMap<>();

  Deliveries(TagFollower follower, HttpClient client, WebhookSettings settings, DeliveryLog log) {
    this.follower = follower;
    this.client = client;
    this.settings = settings;
    this.log = log;
  }

  @Override
  public void read(Webhooks.Listing listing) {
    List<Webhook> webhooks = listing.webhooks();
    Set<String> ids = webhooks.stream().map(Webhook::id).collect(Collectors.toSet());
    for (String id : List.copyOf(running.keySet())) {
      if (!ids.contains(id)) {
        stop(id);
      }
    }
    webhooks.stream().filter(webhook -> !running.containsKey(webhook.id())).forEach(this::start);
  }

  @Override
  public void stopped() {
    List.copyOf(running.keySet()).forEach(this::stop);
  }

  private void start(Webhook webhook) {
    Delivery delivery = new Delivery(webhook, client, settings, log);
    List<UniqueKillSwitch> streams = new ArrayList<>();
    if (webhook.events().stream().anyMatch(WebhookEventTypes::aboutConversations)) {
      streams.add(
          follower.follow(
              "webhook-" + webhook.id() + "-conversations",
              ConversationEvent.LIFECYCLE_TAG,
              webhook.createdAt(),
              delivery));
    }
    if (webhook.wants(WebhookEventTypes.OPERATOR_DISCONNECTED)) {
      streams.add(
          follower.follow(
              "webhook-" + webhook.id() + "-operators",
              OperatorEvent.DISCONNECTED_TAG,
              webhook.createdAt(),
              delivery));
    }
    running.put(webhook.id(), new Running(delivery, List.copyOf(streams)));
    LOG.info("Webhook {} delivers {} to {}", webhook.id(), webhook.events(), webhook.url());
  }

  private void stop(String id) {
    Running stopped = running.remove(id);
    stopped.delivery().stop();
    stopped.streams().forEach(UniqueKillSwitch::shutdown);
  }
}
