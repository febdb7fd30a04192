package livechat.readside.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.ConversationEvent;
import livechat.engine.conversation.ConversationEvent.Closed;
import livechat.engine.conversation.ConversationEvent.ConversationOpened;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import livechat.engine.conversation.ConversationEvent.OperatorAssigned;
import livechat.engine.conversation.ConversationEvent.Rated;
import livechat.engine.conversation.ConversationEvent.Transferred;
import livechat.engine.json.InstantTextModule;
import livechat.engine.operator.OperatorEvent.Disconnected;
import livechat.engine.webhooks.WebhookEventTypes;
import org.apache.pekko.persistence.query.EventEnvelope;
import org.apache.pekko.persistence.typed.PersistenceId;

/**
 * One event as webhooks deliver it: {@code {"id","type","at","data"}}. The id is the entity's id
 * and the event's position in its journal, the same each time the event is delivered, so that a
 * receiver drops duplicates by it.
 */
record WebhookEvent(String id, String type, Instant at, ObjectNode data) {

  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .registerModule(new InstantTextModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** The webhook event of a journal event, or empty when webhooks do not announce it. */
  static Optional<WebhookEvent> of(EventEnvelope envelope) {
    String entityId = PersistenceId.ofUniqueId(envelope.persistenceId()).entityId();
    String id = entityId + ":" + envelope.sequenceNr();
    Object event = envelope.event();
    if (event instanceof Disconnected disconnected) {
      ObjectNode data = MAPPER.createObjectNode().put("operatorId", entityId);
      data.put("reason", disconnected.reason());
      data.set("channels", MAPPER.valueToTree(disconnected.channels()));
      return Optional.of(
          new WebhookEvent(id, WebhookEventTypes.OPERATOR_DISCONNECTED, disconnected.at(), data));
    }
    if (!(event instanceof ConversationEvent conversationEvent)) {
      return Optional.empty();
    }
    ObjectNode data = MAPPER.createObjectNode().put("conversationId", entityId);
    if (conversationEvent instanceof ConversationOpened opened) {
      data.put("channelId", opened.channelId());
      ObjectNode visitor = data.putObject("visitor");
      visitor.put("name", opened.visitor().name());
      visitor.put("language", opened.visitor().language());
      visitor.put("pageUrl", opened.visitor().pageUrl());
      return Optional.of(new WebhookEvent(id, WebhookEventTypes.STARTED, opened.at(), data));
    }
    if (conversationEvent instanceof OperatorAssigned assigned) {
      operator(data, assigned.operatorId(), assigned.displayName());
      return Optional.of(new WebhookEvent(id, WebhookEventTypes.ASSIGNED, assigned.at(), data));
    }
    if (conversationEvent instanceof MessageAdded added) {
      Message message = added.message();
      ObjectNode json = data.putObject("message");
      json.put("seq", message.seq());
      ObjectNode author = json.putObject("author");
      author.put("kind", message.author().kind());
      author.put("displayName", message.author().displayName());
      json.put("text", message.text());
      json.put("at", message.at().toString());
      json.put("clientMessageId", message.clientMessageId());
      return Optional.of(new WebhookEvent(id, WebhookEventTypes.MESSAGE, message.at(), data));
    }
    if (conversationEvent instanceof Transferred transferred) {
      data.put("fromOperatorId", transferred.fromOperatorId());
      operator(data, transferred.toOperatorId(), transferred.displayName());
      return Optional.of(
          new WebhookEvent(id, WebhookEventTypes.TRANSFERRED, transferred.at(), data));
    }
    if (conversationEvent instanceof Closed closed) {
      data.put("closedBy", closed.by());
      data.put("lastSeq", closed.lastSeq());
      return Optional.of(new WebhookEvent(id, WebhookEventTypes.CLOSED, closed.at(), data));
    }
    if (conversationEvent instanceof Rated rated) {
      ObjectNode rating = data.putObject("rating");
      rating.put("value", rated.value());
      rating.put("comment", rated.comment());
      return Optional.of(new WebhookEvent(id, WebhookEventTypes.RATED, rated.at(), data));
    }
    return Optional.empty();
  }

  private static void operator(ObjectNode data, String operatorId, String displayName) {
    ObjectNode operator = data.putObject("operator");
    operator.put("id", operatorId);
    operator.put("displayName", displayName);
  }

  /** The body of the delivery's POST. */
  byte[] body() {
    ObjectNode json = MAPPER.createObjectNode().put("id", id).put("type", type);
    json.put("at", at.toString());
    json.set("data", data);
    try {
      return MAPPER.writeValueAsString(json).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
