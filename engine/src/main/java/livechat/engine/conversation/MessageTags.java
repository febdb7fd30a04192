package livechat.engine.conversation;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

/**
 * Whether this node's conversations tag their messages as well as their lifecycle events. A tag
 * costs a write per message, so messages are tagged only while a webhook asks for {@code
 * conversation.message}; whoever follows the webhooks switches it on every node.
 */
public final class MessageTags implements Extension {

  private static final Id ID = new Id();

  private volatile boolean tagged;
  private long revision = -1;

  private MessageTags() {}

  public static MessageTags get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public boolean tagged() {
    return tagged;
  }

  /**
   * Tags messages or not, as the webhooks registry said at its {@code revision}; what an older
   * revision said (a reading that crossed a change) is ignored.
   */
  public synchronized void tag(boolean messages, long revision) {
    if (revision >= this.revision) {
      this.revision = revision;
      tagged = messages;
    }
  }

  /** The extension's id: one {@link MessageTags} per actor system. */
  static final class Id extends ExtensionId<MessageTags> {
    @Override
    public MessageTags createExtension(ActorSystem<?> system) {
      return new MessageTags();
    }
  }
}
