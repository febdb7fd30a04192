package livechat.engine;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.pubsub.Topic;

/**
 * The cluster-wide topic on which operators announce that their earlier tokens no longer work
 * (logout, disabling, a new password), so that every node drops the token version it remembers. One
 * topic actor per node; delivery is at most once, so a node also forgets what it remembers after a
 * while.
 */
public final class TokenRevocations implements Extension {

  /** Tokens of the operator older than {@code tokenVersion} no longer work. */
  public record Revoked(String operatorId, long tokenVersion) implements CborSerializable {}

  private static final String TOPIC = "operator-tokens-revoked";

  private static final ExtensionId<TokenRevocations> ID =
      new ExtensionId<>() {
        @Override
        public TokenRevocations createExtension(ActorSystem<?> system) {
          return new TokenRevocations(system);
        }
      };

  private final ActorRef<Topic.Command<Revoked>> topic;

  private TokenRevocations(ActorSystem<?> system) {
    this.topic = system.systemActorOf(Topic.create(Revoked.class, TOPIC), TOPIC, Props.empty());
  }

  public static TokenRevocations get(ActorSystem<?> system) {
    return ID.apply(system);
  }

  public void publish(String operatorId, long tokenVersion) {
    topic.tell(Topic.publish(new Revoked(operatorId, tokenVersion)));
  }

  /** Sends the subscriber every revocation announced anywhere in the cluster from now on. */
  public void subscribe(ActorRef<Revoked> subscriber) {
    topic.tell(Topic.subscribe(subscriber));
  }
}
