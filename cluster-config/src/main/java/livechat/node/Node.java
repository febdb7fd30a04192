package livechat.node;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import livechat.engine.Engine;
import livechat.http.HttpApi;
import livechat.http.auth.Authentication;
import livechat.http.auth.Tokens;
import livechat.http.health.CassandraAvailability;
import livechat.persistence.CassandraHealth;
import livechat.persistence.CassandraSchema;
import livechat.persistence.CassandraSettings;
import livechat.persistence.embedded.CassandraStartException;
import livechat.persistence.embedded.EmbeddedCassandra;
import livechat.persistence.embedded.EmbeddedCassandraOptions;
import livechat.readside.CassandraReadSide;
import org.apache.pekko.actor.Address;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.JoinSeedNodes;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * One livechat node: Cassandra (its own embedded node when no contact points are configured), the
 * schema, a Pekko cluster member running the engine's sharded entities, and the HTTP API. Stopping
 * the actor system stops the embedded Cassandra after it.
 */
public final class Node {

  private static final Duration BIND_TIMEOUT = Duration.ofSeconds(30);

  private final ActorSystem<Void> system;
  private final EmbeddedCassandra embedded;
  private final InetSocketAddress httpAddress;
  private final Secrets.Secret adminToken;

  private Node(
      ActorSystem<Void> system,
      EmbeddedCassandra embedded,
      InetSocketAddress httpAddress,
      Secrets.Secret adminToken) {
    this.system = system;
    this.embedded = embedded;
    this.httpAddress = httpAddress;
    this.adminToken = adminToken;
  }

  public static Node start(Config config) throws NodeStartException {
    Path dataDir = Path.of(config.getString("livechat.data-dir")).toAbsolutePath();
    CassandraSettings cassandra = CassandraSettings.fromConfig(config);
    EmbeddedCassandra embedded = cassandra.embedded() ? startEmbedded(config, dataDir) : null;
    if (embedded != null) {
      cassandra = cassandra.withContactPoints(List.of(embedded.contactPoint()));
    }
    ActorSystem<Void> system = null;
    try {
      Secrets.Secret adminToken = Secrets.adminToken(config, embedded != null, dataDir);
      Secrets.Secret tokenSecret = Secrets.tokenSecret(config, embedded != null, dataDir);
      createSchema(cassandra);
      system =
          ActorSystem.create(
              Behaviors.empty(),
              "livechat",
              cassandra.pekkoConfig().withFallback(developmentDefaults(config, embedded != null)));
      joinCluster(system);
      Engine engine = Engine.init(system, Clock.systemUTC(), HttpApi.engineObserver(system));
      watchCassandra(system);
      Authentication auth =
          new Authentication(
              adminToken.value(),
              Tokens.fromConfig(config, tokenSecret.value(), Clock.systemUTC()),
              system,
              engine.directory());
      CassandraReadSide readSide = CassandraReadSide.start(system);
      awaitWebhooksRead(system, readSide);
      ServerBinding binding =
          bind(new HttpApi(system, engine, auth, ReadinessChecks.of(system), readSide));
      // the configured interface (0.0.0.0 stays 0.0.0.0), with the port actually bound
      InetSocketAddress listening =
          InetSocketAddress.createUnresolved(
              config.getString("livechat.http.interface"), binding.localAddress().getPort());
      return new Node(system, embedded, listening, adminToken);
    } catch (NodeStartException | RuntimeException e) {
      if (system != null) {
        system.terminate();
        awaitTermination(system);
      }
      if (embedded != null) {
        embedded.close();
      }
      throw e;
    }
  }

  public ActorSystem<Void> system() {
    return system;
  }

  public InetSocketAddress httpAddress() {
    return httpAddress;
  }

  public String adminToken() {
    return adminToken.value();
  }

  /** The admin token when this node made it up (the development run), never a configured one. */
  public Optional<String> madeUpAdminToken() {
    return adminToken.madeUp() ? Optional.of(adminToken.value()) : Optional.empty();
  }

  /** Stops the node: leaves the cluster, stops the actor system, then the embedded Cassandra. */
  public void stop() {
    system.terminate();
    awaitTermination(system);
    if (embedded != null) {
      embedded.close();
    }
  }

  /**
   * Waits until the node has read the webhooks, so that its conversations tag their messages from
   * the first one on when a webhook asks for them; a node that cannot read them yet starts anyway
   * and reads them again every {@code livechat.webhooks.refresh-interval}.
   */
  private static void awaitWebhooksRead(ActorSystem<?> system, CassandraReadSide readSide) {
    try {
      readSide.webhooksRead().toCompletableFuture().get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      system.log().warn("Webhooks not read at start; reading them again shortly", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Probes Cassandra so that the API answers 503 at once while it is unavailable. */
  private static void watchCassandra(ActorSystem<?> system) {
    Config check = system.settings().config().getConfig("livechat.http.cassandra-check");
    CassandraAvailability.get(system)
        .watch(
            new CassandraHealth(system)::answers,
            check.getDuration("interval"),
            check.getDuration("timeout"),
            check.getInt("failures-in-a-row"));
  }

  /** The development run (embedded Cassandra) lets pages of any origin use the API. */
  private static Config developmentDefaults(Config config, boolean development) {
    String origins = "livechat.http.cors.allowed-origins";
    return development && config.getString(origins).isBlank()
        ? config.withValue(origins, ConfigValueFactory.fromAnyRef("*"))
        : config;
  }

  private static EmbeddedCassandra startEmbedded(Config config, Path dataDir)
      throws NodeStartException {
    try {
      return EmbeddedCassandra.start(
          EmbeddedCassandraOptions.fromConfig(config, dataDir.resolve("cassandra")));
    } catch (CassandraStartException e) {
      throw new NodeStartException(e.getMessage());
    }
  }

  private static void createSchema(CassandraSettings cassandra) throws NodeStartException {
    try {
      CassandraSchema.create(cassandra);
    } catch (RuntimeException e) {
      throw new NodeStartException(
          "cannot create the schema in Cassandra at "
              + String.join(",", cassandra.contactPoints())
              + ": "
              + e.getMessage());
    }
  }

  /** Joins the configured seed nodes, or, with none, forms a cluster of its own. */
  private static void joinCluster(ActorSystem<?> system) throws NodeStartException {
    Cluster cluster = Cluster.get(system);
    List<Address> seeds =
        SeedNodes.parse(
            system.settings().config().getString("livechat.cluster.seed-nodes"), system.name());
    if (seeds.isEmpty()) {
      cluster.manager().tell(Join.create(cluster.selfMember().address()));
    } else {
      cluster.manager().tell(new JoinSeedNodes(seeds));
    }
  }

  private static ServerBinding bind(HttpApi api) throws NodeStartException {
    try {
      return api.bind().toCompletableFuture().get(BIND_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new NodeStartException("cannot serve HTTP: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new NodeStartException("cannot serve HTTP: binding took over " + BIND_TIMEOUT);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new NodeStartException("interrupted while binding HTTP");
    }
  }

  private static void awaitTermination(ActorSystem<?> system) {
    try {
      system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the system is going down regardless
    }
  }
}
