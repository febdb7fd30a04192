package livechat.http;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import livechat.engine.Engine;
import livechat.http.auth.Authentication;
import livechat.http.auth.Tokens;
import livechat.http.health.ReadinessCheck;
import livechat.persistence.testing.OneNodeCluster;
import livechat.persistence.testing.TestCassandra;
import livechat.readside.CassandraReadSide;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.http.javadsl.ServerBinding;

/**
 * The HTTP API bound on a free port of the loopback interface, on a one-node cluster whose journal
 * is a keyspace of the shared real Cassandra node, with a client to call it.
 */
public final class ApiTestServer implements AutoCloseable {

  public static final String ADMIN_TOKEN = "test-admin-token";
  public static final String TOKEN_SECRET = "a-test-secret-of-at-least-32-characters";

  private final ActorTestKit testKit;
  private final ServerBinding binding;
  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private ApiTestServer(ActorTestKit testKit, ServerBinding binding) {
    this.testKit = testKit;
    this.binding = binding;
  }

  public int port() {
    return binding.localAddress().getPort();
  }

  /** Starts a server on its own keyspace, with the given readiness checks. */
  public static ApiTestServer start(String keyspace, List<ReadinessCheck> checks) throws Exception {
    return start(keyspace, checks, ConfigFactory.empty());
  }

  /** Starts a server on its own keyspace, with settings of the test's own. */
  public static ApiTestServer start(String keyspace, List<ReadinessCheck> checks, Config settings)
      throws Exception {
    return start(keyspace, checks, settings, null);
  }

  /**
   * Starts a second node of the seed's cluster, on the same keyspace: entities may run on either,
   * and each has its own HTTP port.
   */
  public static ApiTestServer startJoining(ApiTestServer seed, String keyspace, Config settings)
      throws Exception {
    return start(keyspace, List.of(), settings, seed);
  }

  /** Starts a server on its own keyspace whose engine reads the time from {@code clock}. */
  public static ApiTestServer start(String keyspace, Config settings, Clock clock)
      throws Exception {
    return start(keyspace, List.of(), settings, null, clock);
  }

  private static ApiTestServer start(
      String keyspace, List<ReadinessCheck> checks, Config settings, ApiTestServer seed)
      throws Exception {
    return start(keyspace, checks, settings, seed, Clock.systemUTC());
  }

  private static ApiTestServer start(
      String keyspace,
      List<ReadinessCheck> checks,
      Config settings,
      ApiTestServer seed,
      Clock clock)
      throws Exception {
    ActorTestKit testKit =
        ActorTestKit.create(
            "livechat",
            settings
                .withFallback(
                    ConfigFactory.parseString(
                        "livechat.http.interface = \"127.0.0.1\"\nlivechat.http.port = 0\n"
                            // every test client is 127.0.0.1 (AbuseLimitsTest sets its own)
                            + "livechat.limits.conversation-starts-per-minute = 1000000\n"
                            + "livechat.limits.logins-per-minute = 1000000\n"
                            // tests keep conversations waiting without a visitor socket
                            + "livechat.conversation.waiting-without-visitor-timeout = 1h"))
                .withFallback(ReadSideTestSettings.config())
                .withFallback(OneNodeCluster.config())
                .withFallback(TestCassandra.config(keyspace)));
    if (seed == null) {
      OneNodeCluster.join(testKit.system());
    } else {
      Cluster.get(testKit.system())
          .manager()
          .tell(Join.create(Cluster.get(seed.testKit().system()).selfMember().address()));
    }
    Engine engine = Engine.init(testKit.system(), clock, HttpApi.engineObserver(testKit.system()));
    Authentication auth =
        new Authentication(
            ADMIN_TOKEN,
            Tokens.fromConfig(
                testKit.system().settings().config(), TOKEN_SECRET, Clock.systemUTC()),
            testKit.system(),
            engine.directory());
    CassandraReadSide readSide = CassandraReadSide.start(testKit.system());
    readSide.webhooksRead().toCompletableFuture().get(30, TimeUnit.SECONDS);
    ServerBinding binding =
        new HttpApi(testKit.system(), engine, auth, checks, readSide)
            .bind()
            .toCompletableFuture()
            .get(30, TimeUnit.SECONDS);
    return new ApiTestServer(testKit, binding);
  }

  public ActorTestKit testKit() {
    return testKit;
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + binding.localAddress().getPort() + path);
  }

  public HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return client.send(
          request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  /** A request with a JSON body and, when the token is not null, a Bearer token. */
  public HttpResponse<String> sendJson(String method, String path, String token, String json) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofString(json));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request);
  }

  @Override
  public void close() {
    testKit.shutdownTestKit();
  }
}
