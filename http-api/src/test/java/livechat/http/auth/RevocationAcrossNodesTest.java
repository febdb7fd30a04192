package livechat.http.auth;

import static livechat.http.ApiClient.expect;
import static livechat.http.ErrorBody.assertError;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import livechat.engine.TokenRevocations;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import livechat.http.WsClient;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of one cluster: a token that one node has checked and remembers stops working there as
 * soon as the other node serves the logout or the disabling, long before the node would ask again
 * by itself (the cache's time to live is an hour here).
 */
class RevocationAcrossNodesTest {

  private static final String KEYSPACE = "revocation_across_nodes";
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private static ApiTestServer first;
  private static ApiTestServer second;
  private static ChatFixture fixture;

  @BeforeAll
  static void start() throws Exception {
    Config settings = ConfigFactory.parseString("livechat.auth.token-version-cache-ttl = 1h");
    first = ApiTestServer.start(KEYSPACE, List.of(), settings);
    second = ApiTestServer.startJoining(first, KEYSPACE, settings);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                upMembers(first.testKit().system()) == 2
                    && upMembers(second.testKit().system()) == 2);
    awaitTopicAcrossNodes();
    fixture = new ChatFixture(first);
  }

  @AfterAll
  static void stop() {
    second.close();
    first.close();
  }

  @Test
  void aLogoutOnOneNodeEndsTheTokenAndClosesTheSocketOnTheOther() {
    ApiClient onFirst = fixture.operator("Marc", null);
    ApiClient onSecond = onFirst.on(second.uri(""));
    expect(200, onSecond.get("/api/me"));
    try (WsClient socket = WsClient.connect(second, onFirst.token())) {
      socket.send("{\"type\": \"ping\"}");
      socket.awaitType("pong");

      expect(204, onFirst.post("/api/auth/logout", ""));

      await()
          .atMost(PROMPTLY)
          .untilAsserted(() -> assertError(401, "unauthorized", onSecond.get("/api/me")));
      assertEquals("token_revoked", socket.awaitType("error").get("code").asText());
      socket.awaitClose();
    }
  }

  @Test
  void disablingOnOneNodeEndsTheTokenOnTheOther() {
    ApiClient onFirst = fixture.operator("Anna", null);
    String operatorId = expect(200, onFirst.get("/api/me")).get("id").asText();
    ApiClient adminOnSecond = new ApiClient(second, ApiTestServer.ADMIN_TOKEN);

    expect(200, adminOnSecond.patch("/api/admin/operators/" + operatorId, "{\"disabled\": true}"));

    await()
        .atMost(PROMPTLY)
        .untilAsserted(() -> assertError(401, "unauthorized", onFirst.get("/api/me")));
  }

  /** The two nodes' revocation topics have found each other: a notice on one reaches the other. */
  private static void awaitTopicAcrossNodes() {
    TestProbe<TokenRevocations.Revoked> probe = second.testKit().createTestProbe();
    TokenRevocations.get(second.testKit().system()).subscribe(probe.ref());
    String nobody = "warm-up-" + UUID.randomUUID();
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              TokenRevocations.get(first.testKit().system()).publish(nobody, 0);
              try {
                probe.receiveMessage(Duration.ofMillis(400));
                return true;
              } catch (AssertionError notYet) {
                return false;
              }
            });
  }

  private static long upMembers(ActorSystem<?> system) {
    return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up())
        .count();
  }
}
