package livechat.engine.conversation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import livechat.engine.conversation.Conversation.Command;
import livechat.engine.conversation.Conversation.Participant;
import livechat.engine.conversation.Conversation.SubscriberGone;
import livechat.engine.conversation.Conversation.SubscriptionEnded;
import livechat.engine.conversation.Conversation.Update;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * Who listens to a conversation, and as whom: watched, so that a subscriber that stops is
 * forgotten, and checked again when the conversation's operator changes. Kept in memory only: a
 * conversation that restarts forgets them, and they subscribe again.
 */
final class Subscribers {

  private final String conversationId;
  private final ActorContext<Command> context;
  private final Map<ActorRef<Update>, Participant> listening = new LinkedHashMap<>();

  Subscribers(String conversationId, ActorContext<Command> context) {
    this.conversationId = conversationId;
    this.context = context;
  }

  void add(ActorRef<Update> subscriber, Participant by) {
    if (listening.put(subscriber, by) == null) {
      context.watchWith(subscriber, new SubscriberGone(subscriber));
    }
  }

  void remove(ActorRef<Update> subscriber) {
    if (listening.remove(subscriber) != null) {
      context.unwatch(subscriber);
    }
  }

  /** Whether the visitor listens (has a socket open on the conversation). */
  boolean includesVisitor() {
    return listening.values().stream().anyMatch(Participant::isVisitor);
  }

  void publish(Update update) {
    for (ActorRef<Update> subscriber : listening.keySet()) {
      subscriber.tell(update);
    }
  }

  /** Those who may no longer read the conversation are told so, and forgotten. */
  void endUnless(Predicate<Participant> mayRead) {
    List<ActorRef<Update>> ended =
        listening.entrySet().stream()
            .filter(entry -> !mayRead.test(entry.getValue()))
            .map(Map.Entry::getKey)
            .toList();
    for (ActorRef<Update> subscriber : ended) {
      subscriber.tell(new SubscriptionEnded(conversationId));
      remove(subscriber);
    }
  }
}
