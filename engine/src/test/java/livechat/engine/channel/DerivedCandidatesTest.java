package livechat.engine.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import livechat.engine.MemberView;
import livechat.engine.Router;
import org.junit.jupiter.api.Test;

class DerivedCandidatesTest {

  private final AtomicInteger pending = new AtomicInteger();
  private final AtomicInteger derivations = new AtomicInteger();
  private final DerivedCandidates routed =
      new DerivedCandidates(
          member -> {
            derivations.incrementAndGet();
            return new Router.Candidate(
                member.view().withActive(member.view().active() + pending.get()),
                member.joinOrder(),
                member.lastAssignedAt());
          });

  @Test
  void aMemberIsDerivedAgainOnlyWhenItOrWhatItIsDerivedWithChanges() {
    Router.Candidate marc = member("marc", 1);
    Router.Candidate lea = member("lea", 2);
    pending.set(1);

    Router.Candidate routedMarc = routed.from(marc);
    routed.from(lea);
    assertSame(routedMarc, routed.from(marc));
    assertEquals(2, routedMarc.view().active());
    assertEquals(2, derivations.get());

    pending.set(3);
    routed.changed("marc");
    assertEquals(4, routed.from(marc).view().active());
    assertEquals(3, routed.from(lea).view().active(), "lea's derivation still holds");

    Router.Candidate marcStoredAgain = member("marc", 1);
    assertEquals(4, routed.from(marcStoredAgain).view().active());
    assertEquals(4, derivations.get());
  }

  private static Router.Candidate member(String operatorId, int active) {
    return new Router.Candidate(
        new MemberView(operatorId, "en_US", List.of(), active, 5, 1), 0, null);
  }
}
