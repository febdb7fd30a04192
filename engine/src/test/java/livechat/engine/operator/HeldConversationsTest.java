package livechat.engine.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Adapter;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.SerializerWithStringManifest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class HeldConversationsTest {

  private static final ActorTestKit testKit = ActorTestKit.create();
  private static final Serialization serialization =
      SerializationExtension.get(Adapter.toClassic(testKit.system()));

  @AfterAll
  static void shutDown() {
    testKit.shutdownTestKit();
  }

  @Test
  void holdingAndReleasingLeaveTheEarlierConversationsAsTheyWere() {
    HeldConversations two = HeldConversations.NONE.with("c1", "website").with("c2", "shop");

    HeldConversations three = two.with("c3", "website");
    HeldConversations one = two.without("c1");

    assertEquals(Map.of("c1", "website", "c2", "shop"), two);
    assertEquals(Map.of("c1", "website", "c2", "shop", "c3", "website"), three);
    assertEquals(Map.of("c2", "shop"), one);
    assertEquals("shop", three.get("c2"));
    assertNull(one.get("c1"));
    assertFalse(one.containsKey("c1"));
    assertEquals(0, HeldConversations.NONE.size());
  }

  @Test
  void anOperatorSnapshotStoresTheHeldConversationsAsAMapAndReadsThemBackAsHeld() throws Exception {
    OperatorState.Registered registered =
        new OperatorState.Registered(
            "marc",
            "Marc",
            "hash",
            null,
            "en_US",
            List.of(),
            5,
            List.of("website"),
            Map.of("c1", "website", "c2", "shop"),
            List.of("c1", "c2"),
            Instant.parse("2026-03-02T09:00:00Z"),
            true,
            false,
            3);
    HeldConversations held = assertInstanceOf(HeldConversations.class, registered.conversations());
    assertSame(held, registered.withConversations(held, registered.recent()).conversations());

    SerializerWithStringManifest cbor =
        (SerializerWithStringManifest) serialization.findSerializerFor(registered);
    Object read = cbor.fromBinary(cbor.toBinary(registered), cbor.manifest(registered));

    assertEquals(registered, read);
    assertInstanceOf(HeldConversations.class, ((OperatorState.Registered) read).conversations());
  }
}
