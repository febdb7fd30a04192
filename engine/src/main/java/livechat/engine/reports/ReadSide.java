package livechat.engine.reports;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import livechat.engine.webhooks.LastDelivery;

/**
 * The read side: conversations and operators as tables built from the entities' tagged events,
 * queried without asking the entities. It lags the entities by the time the events take to arrive
 * (about {@code pekko.persistence.cassandra.events-by-tag.eventual-consistency-delay}).
 */
public interface ReadSide {

  /** A page of the conversations that pass the filter, after the cursor (null: the first page). */
  CompletionStage<ConversationPage> conversations(
      ConversationFilter filter, ListCursor after, int limit);

  /** Every conversation that started in [from, to), of one channel or, when null, of all. */
  CompletionStage<List<ConversationRecord>> startedBetween(
      String channelId, Instant from, Instant to);

  /** A page of operator ids in login order, after the login {@code afterLogin} (null: first). */
  CompletionStage<OperatorPage> operators(String afterLogin, int limit);

  /** The last delivery attempt of each webhook that had one, by webhook id. */
  CompletionStage<Map<String, LastDelivery>> lastDeliveries();
}
