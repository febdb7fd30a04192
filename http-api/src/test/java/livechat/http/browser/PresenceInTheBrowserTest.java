package livechat.http.browser;

import static livechat.http.ApiClient.expect;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.List;
import livechat.http.ApiTestServer;
import livechat.http.ChatFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Presence that means something: a console left alone lets its operator go after the inactivity
 * timeout (20 s here) and says so, while one where the operator keeps typing stays in.
 */
class PresenceInTheBrowserTest {

  private static final Duration INACTIVITY = Duration.ofSeconds(20);

  private static ApiTestServer server;
  private static ChatFixture fixture;
  private static String node;

  @BeforeAll
  static void start() throws Exception {
    server =
        ApiTestServer.start(
            "browser_presence",
            List.of(),
            ConfigFactory.parseString(
                "livechat.operator.inactivity-timeout = "
                    + INACTIVITY.toSeconds()
                    + "s\nlivechat.operator.activity-resolution = 1s"));
    fixture = new ChatFixture(server);
    node = "http://127.0.0.1:" + server.port();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anIdleConsoleIsDisconnectedWhileATypingOneStaysIn() {
    String channelId = fixture.channel("Website");
    String idleLogin = fixture.account("Ida Idle", null);
    String busyLogin = fixture.account("Bea Busy", null);
    try (Browser idleBrowser = Browser.open("en-US");
        Browser busyBrowser = Browser.open("en-US")) {
      ConsolePage idle = new ConsolePage(idleBrowser, node);
      ConsolePage busy = new ConsolePage(busyBrowser, node);
      idle.signIn(idleLogin, ChatFixture.PASSWORD, "Ida Idle");
      idle.openChannels();
      idle.joinOrLeave(channelId, "join", "leave");
      busy.signIn(busyLogin, ChatFixture.PASSWORD, "Bea Busy");
      busy.openChannels();
      busy.joinOrLeave(channelId, "join", "leave");
      busy.openPreferences();

      // the busy operator types on every poll while the idle console is left alone
      idleBrowser.await(
          "the idle console says its operator was disconnected",
          INACTIVITY.multipliedBy(3),
          d -> {
            busyBrowser.visible("input#online-chat-name").sendKeys("a");
            return d.findElements(By.cssSelector("#presence-banner")).stream()
                .anyMatch(WebElement::isDisplayed);
          });
      idleBrowser.screenshot("console-disconnected");
      idle.awaitCardButton(channelId, "join");

      busy.openChannels();
      busy.awaitCardButton(channelId, "leave");
      busyBrowser.await(
          "the channel has one operator left",
          d -> busy.cardNumber(channelId, ".channel-operators") == 1);
      assertEquals(
          "online",
          expect(200, fixture.logIn(busyLogin, server.uri("")).get("/api/me"))
              .get("status")
              .asText());

      // joining again takes the banner away
      idle.joinOrLeave(channelId, "join", "leave");
      idleBrowser.await(
          "the banner is gone",
          d ->
              d.findElements(By.cssSelector("#presence-banner")).stream()
                  .noneMatch(WebElement::isDisplayed));
    }
  }
}
