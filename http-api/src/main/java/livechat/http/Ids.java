package livechat.http;

import java.util.function.Supplier;
import java.util.regex.Pattern;
import livechat.engine.Rejection;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Ids checked at the edge. Channels, conversations and operators have the ids the node gave them
 * (UUIDs); anything else is answered 404 here, before it reaches Cluster Sharding, where an odd id
 * could start an entity for nothing or fail to start one at all.
 */
public final class Ids extends AllDirectives {

  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  /** What an id names, with the error of an unknown one. */
  public enum Kind {
    CHANNEL("unknown_channel", "There is no channel with this id."),
    CONVERSATION("unknown_conversation", "There is no conversation with this id."),
    OPERATOR("unknown_operator", "There is no operator with this id.");

    private final Rejection unknown;

    Kind(String code, String reason) {
      this.unknown = Rejection.notFound(code, reason);
    }

    public Rejection unknown() {
      return unknown;
    }
  }

  private static final Ids DIRECTIVES = new Ids();

  private Ids() {}

  public static boolean wellFormed(String id) {
    return id != null && UUID.matcher(id).matches();
  }

  /** The inner route for a well-formed id; a 404 of its kind otherwise. */
  public static Route known(Kind kind, String id, Supplier<Route> inner) {
    return known(kind.unknown(), id, inner);
  }

  /**
   * The inner route for a well-formed id (one the node gave: a UUID); the given rejection, a 404,
   * otherwise. For what has no {@link Kind} of its own, such as webhooks and canned responses.
   */
  public static Route known(Rejection unknown, String id, Supplier<Route> inner) {
    return wellFormed(id) ? inner.get() : DIRECTIVES.failWith(unknown);
  }
}
