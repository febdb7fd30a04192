package livechat.http.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import livechat.http.ApiClient;
import livechat.http.ApiTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The pages the node serves: the console, its admin page, the widget and the demo site. */
class WebPagesTest {

  private static ApiTestServer server;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "web_pages",
            List.of(),
            ConfigFactory.parseString("livechat.operator.inactivity-timeout = 30s"));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void theConsoleItsAdminPageTheWidgetAndTheDemoAreServed() {
    assertPage("/console/", "text/html");
    assertPage("/console/admin", "text/html");
    assertPage("/widget.js", "application/javascript");
    assertPage("/demo/", "text/html");
    assertPage("/webjars/chart.js/4.4.1/dist/chart.umd.js", "application/javascript");
  }

  @Test
  void theRootAndBarePathsLeadToThePages() {
    assertEquals("/console/", redirect("/"));
    assertEquals("/console/", redirect("/console"));
    assertEquals("/demo/", redirect("/demo"));
  }

  @Test
  void theConsoleHeartbeatFitsWithinTheInactivityTimeout() {
    assertEquals(
        10,
        ApiClient.expect(200, server.get("/console/settings.json"))
            .get("heartbeatSeconds")
            .asInt());
    assertEquals(Duration.ofMinutes(1), WebPages.heartbeat(Duration.ofMinutes(30)));
    assertEquals(Duration.ofSeconds(1), WebPages.heartbeat(Duration.ofSeconds(2)));
  }

  @Test
  void aMissingFileIs404() {
    assertEquals(404, server.get("/console/no-such-file.js").statusCode());
    assertEquals(404, server.get("/widget/../reference.conf").statusCode());
    assertEquals(404, server.get("/webjars/../../reference.conf").statusCode());
  }

  private static void assertPage(String path, String contentType) {
    HttpResponse<String> page = server.get(path);
    assertEquals(200, page.statusCode(), path);
    assertTrue(
        page.headers().firstValue("Content-Type").orElse("").startsWith(contentType),
        path + " is " + page.headers().firstValue("Content-Type"));
    assertTrue(!page.body().isBlank(), path + " is empty");
  }

  private static String redirect(String path) {
    HttpResponse<String> response = server.get(path);
    assertEquals(302, response.statusCode(), path);
    return response.headers().firstValue("Location").orElseThrow();
  }
}
