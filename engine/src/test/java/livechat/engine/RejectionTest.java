package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class RejectionTest {

  private static final ActorTestKit testKit = ActorTestKit.create();

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void aRejectionKeepsItsKindCodeAndReasonAcrossTheNetwork() {
    StatusReply<Object> reply =
        StatusReply.error(Rejection.conflict("conversation_closed", "The conversation: closed."));

    StatusReply<Object> received = testKit.serializationTestKit().verifySerialization(reply, false);

    Rejection rejection = assertInstanceOf(Rejection.class, received.getError());
    assertEquals(Rejection.Kind.CONFLICT, rejection.kind());
    assertEquals("conversation_closed", rejection.code());
    assertEquals("The conversation: closed.", rejection.reason());
  }
}
