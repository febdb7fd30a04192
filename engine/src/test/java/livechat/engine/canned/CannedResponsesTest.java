package livechat.engine.canned;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import livechat.engine.Rejection;
import livechat.engine.canned.CannedResponses.CannedResponse;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.persistence.testkit.javadsl.EventSourcedBehaviorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class CannedResponsesTest {

  private static final ActorTestKit testKit =
      ActorTestKit.create(EventSourcedBehaviorTestKit.config());

  private final EventSourcedBehaviorTestKit<
          CannedResponses.Command, CannedResponses.Event, CannedResponses.State>
      catalog =
          EventSourcedBehaviorTestKit.create(
              testKit.system(), CannedResponses.create("installation", 2));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void responsesAreListedByShortcutAndSurviveARestart() {
    create("2", "zebra", "Z");
    create("1", "apple", " A \n");
    catalog.restart();

    var listing =
        catalog.<StatusReply<CannedResponses.Listing>>runCommand(CannedResponses.ListAll::new);

    assertEquals(
        List.of(new CannedResponse("1", "apple", "A"), new CannedResponse("2", "zebra", "Z")),
        listing.reply().getValue().responses());
  }

  @Test
  void aShortcutBelongsToOneResponse() {
    create("1", "hello", "Hello");
    create("2", "hi", "Hi");

    assertEquals("shortcut_taken", rejection(create("3", "hello", "Again")).code());
    assertEquals(
        "shortcut_taken",
        rejection(
                catalog
                    .<StatusReply<CannedResponse>>runCommand(
                        replyTo -> new CannedResponses.Update("2", "hello", "Hi", replyTo))
                    .reply())
            .code());
    assertTrue(
        catalog
            .<StatusReply<CannedResponse>>runCommand(
                replyTo -> new CannedResponses.Update("1", "hello", "Hello there", replyTo))
            .reply()
            .isSuccess());
  }

  @Test
  void theCatalogHoldsAtMostItsLimitAndRefusesBadInput() {
    create("1", "one", "1");
    create("2", "two", "2");
    var third =
        catalog.<StatusReply<CannedResponse>>runCommand(
            replyTo -> new CannedResponses.Create("3", "three", "3", replyTo));
    assertEquals("too_many_canned_responses", rejection(third.reply()).code());
    assertTrue(third.hasNoEvents());

    var deleted =
        catalog.<StatusReply<Done>>runCommand(replyTo -> new CannedResponses.Delete("1", replyTo));
    assertTrue(deleted.reply().isSuccess());
    assertEquals(Rejection.Kind.INVALID, rejection(create("4", "Upper", "x")).kind());
    assertEquals(Rejection.Kind.INVALID, rejection(create("4", "ok", "   ")).kind());
    assertEquals(
        Rejection.Kind.NOT_FOUND,
        rejection(
                catalog
                    .<StatusReply<Done>>runCommand(
                        replyTo -> new CannedResponses.Delete("1", replyTo))
                    .reply())
            .kind());
  }

  private StatusReply<CannedResponse> create(String id, String shortcut, String text) {
    return catalog
        .<StatusReply<CannedResponse>>runCommand(
            replyTo -> new CannedResponses.Create(id, shortcut, text, replyTo))
        .reply();
  }

  private static Rejection rejection(StatusReply<?> reply) {
    return (Rejection) reply.getError();
  }
}
