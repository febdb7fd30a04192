package livechat.http;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import livechat.http.health.CassandraAvailability;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.pattern.StatusReply;

/**
 * What every group of routes does: ask an entity with the configured timeout and answer with JSON.
 * While Cassandra is unavailable an ask fails at once ({@link CassandraAvailability}). A failed ask
 * is not handled here: it reaches {@link ApiErrors}, which maps it.
 */
public abstract class ApiRoute extends AllDirectives {

  protected final ActorSystem<?> system;
  private final Duration askTimeout;
  private final CassandraAvailability cassandra;

  protected ApiRoute(ActorSystem<?> system) {
    this.system = system;
    this.askTimeout = system.settings().config().getDuration("livechat.http.ask-timeout");
    this.cassandra = CassandraAvailability.get(system);
  }

  protected <C, R> CompletionStage<R> ask(
      RecipientRef<C> target, Function<ActorRef<StatusReply<R>>, C> command) {
    return cassandra.guard(
        () -> AskPattern.askWithStatus(target, command::apply, askTimeout, system.scheduler()));
  }

  /** Answers with the status and the JSON of the stage's value, once it completes. */
  protected <T> Route reply(
      StatusCode status, CompletionStage<T> stage, Function<T, Object> toJson) {
    return onSuccess(stage, value -> complete(status, toJson.apply(value), Json.marshaller()));
  }

  /** Answers with the status and no body once the stage completes. */
  protected Route replyEmpty(StatusCode status, CompletionStage<?> stage) {
    return onSuccess(stage, value -> complete(status));
  }
}
