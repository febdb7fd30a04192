package livechat.engine.conversation;

import java.util.ArrayList;
import java.util.List;
import livechat.engine.conversation.Conversation.Message;
import livechat.engine.conversation.Conversation.MessageAccepted;
import livechat.engine.conversation.ConversationEvent.MessageAdded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;

/**
 * The messages a conversation took while it was writing, or since its last write: they are written
 * together, in one journal write, and each sender hears its {@code seq} only once they are stored.
 * A send that repeats the {@code clientMessageId} of a message waiting here is answered with that
 * message's {@code seq} once it is stored too.
 */
final class PendingMessages {

  /** Whom to tell what, once the messages are stored. */
  record Acknowledgement(ActorRef<StatusReply<MessageAccepted>> replyTo, MessageAccepted accepted) {
    void send() {
      replyTo.tell(StatusReply.success(accepted));
    }
  }

  private final List<Message> messages = new ArrayList<>();
  private final List<Acknowledgement> acknowledgements = new ArrayList<>();

  boolean isEmpty() {
    return acknowledgements.isEmpty();
  }

  /** The {@code seq} of the next message, after the stored ones and those waiting here. */
  long nextSeq(long lastStoredSeq) {
    return lastStoredSeq + messages.size() + 1;
  }

  /** The {@code seq} of the waiting message with this client id, or null. */
  Long seqOfClientMessage(String clientMessageId) {
    for (Message message : messages) {
      if (clientMessageId.equals(message.clientMessageId())) {
        return message.seq();
      }
    }
    return null;
  }

  void add(Message message, ActorRef<StatusReply<MessageAccepted>> replyTo) {
    messages.add(message);
    acknowledgements.add(new Acknowledgement(replyTo, new MessageAccepted(message.seq(), false)));
  }

  void addRepeat(long seq, ActorRef<StatusReply<MessageAccepted>> replyTo) {
    acknowledgements.add(new Acknowledgement(replyTo, new MessageAccepted(seq, true)));
  }

  /** What to write: the waiting messages, in order. */
  List<ConversationEvent> events() {
    return messages.stream().<ConversationEvent>map(MessageAdded::new).toList();
  }

  List<Message> messages() {
    return List.copyOf(messages);
  }

  List<Acknowledgement> acknowledgements() {
    return List.copyOf(acknowledgements);
  }

  void clear() {
    messages.clear();
    acknowledgements.clear();
  }
}
