package livechat.http.health;

import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** One thing a node needs before it serves traffic, such as cluster membership or Cassandra. */
public record ReadinessCheck(String name, Supplier<CompletionStage<Boolean>> probe) {}
