package livechat.persistence;

import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.persistence.cassandra.healthcheck.CassandraHealthCheck;
import scala.jdk.javaapi.FutureConverters;

/** Tells whether Cassandra answers a query through the journal's own session. */
public final class CassandraHealth {

  private final CassandraHealthCheck check;

  public CassandraHealth(ActorSystem<?> system) {
    this.check = new CassandraHealthCheck(system.classicSystem());
  }

  public CompletionStage<Boolean> answers() {
    return FutureConverters.asJava(check.apply()).thenApply(Boolean.class::cast);
  }
}
