package livechat.http.admin;

import static livechat.http.ApiClient.expect;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two nodes: the read side's consumers run on the oldest; when it leaves, they start on the other
 * node from their stored offsets, and a report counts every conversation once.
 */
class ReadSideFailoverTest {

  private static final String KEYSPACE = "read_side_failover";

  private ApiTestServer first;
  private ApiTestServer second;

  @AfterEach
  void stop() {
    if (second != null) {
      second.close();
    }
    if (first != null) {
      first.close();
    }
  }

  @Test
  void theReadSideGoesOnOnTheOtherNodeWhenItsNodeLeaves() throws Exception {
    first = ApiTestServer.start(KEYSPACE, List.of(), ConfigFactory.empty());
    second = ApiTestServer.startJoining(first, KEYSPACE, ConfigFactory.empty());
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                upMembers(first.testKit().system()) == 2
                    && upMembers(second.testKit().system()) == 2);
    ChatFixture fixture = new ChatFixture(second);
    String channelId = fixture.channel("Website");
    String login = fixture.account("Marc", null);
    ApiClient marc = fixture.logIn(login, second.uri(""));
    expect(200, marc.post("/api/channels/" + channelId + "/join", ""));
    String period =
        "?from="
            + Instant.now().minus(Duration.ofHours(1))
            + "&to="
            + Instant.now().plus(Duration.ofHours(1));
    String report = "/api/admin/reports/channels/" + channelId + period;

    chat(fixture, second, channelId, marc);
    awaitCounts(fixture.admin(), report, 1, 2);

    first.close();
    first = null;
    await().atMost(Duration.ofSeconds(60)).until(() -> upMembers(second.testKit().system()) == 1);
    // the shards of the node that left start again here
    await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () ->
                expect(200, second.get("/api/channels/" + channelId + "/status"))
                    .get("available")
                    .asBoolean());
    chat(fixture, second, channelId, marc);
    awaitCounts(fixture.admin(), report, 2, 4);
  }

  private static String chat(
      ChatFixture fixture, ApiTestServer node, String channelId, ApiClient marc) {
    JsonNode started = fixture.startConversation(channelId);
    String id = started.get("conversationId").asText();
    ApiClient visitor = new ApiClient(node, started.get("visitorToken").asText());
    for (ApiClient author : List.of(visitor, marc)) {
      expect(
          201,
          author.post(
              "/api/conversations/" + id + "/messages",
              "{\"text\": \"Hello\", \"clientMessageId\": \"" + UUID.randomUUID() + "\"}"));
    }
    expect(200, marc.post("/api/conversations/" + id + "/close", ""));
    return id;
  }

  private static void awaitCounts(ApiClient admin, String report, int conversations, int messages) {
    await()
        .atMost(Duration.ofSeconds(90))
        .untilAsserted(
            () -> {
              JsonNode figures = expect(200, admin.get(report));
              assertEquals(conversations, figures.get("conversations").asInt(), figures.toString());
              assertEquals(conversations, figures.get("answered").asInt(), figures.toString());
              assertEquals(messages, figures.get("messages").asInt(), figures.toString());
            });
  }

  private static long upMembers(ActorSystem<?> system) {
    return StreamSupport.stream(Cluster.get(system).state().getMembers().spliterator(), false)
        .filter(member -> member.status() == MemberStatus.up())
        .count();
  }
}
