package livechat.engine.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import livechat.engine.MemberView;
import livechat.engine.Router;
import org.junit.jupiter.api.Test;

class OffersInFlightTest {

  private static final Instant OFFERED_AT = Instant.parse("2026-12-01T10:00:00Z");

  private final OffersInFlight offers = new OffersInFlight();

  @Test
  void aMemberThatRefusedIsRoutedAgainOnceItLeftAndJoinedAgain() {
    offers.offer("c1", "marc", OFFERED_AT);
    offers.answer("c1", "marc", null);
    offers.viewHeard("marc");
    offers.refused("marc");
    assertEquals(List.of(), offers.candidates(List.of(member("marc"))), "left out after refusing");

    offers.memberLeft("marc");

    Router.Candidate marcAgain = member("marc");
    assertEquals(List.of(marcAgain), offers.candidates(List.of(marcAgain)));
  }

  @Test
  void theLastOfferToAMemberThatLeftNoLongerCountsAsWorkGiven() {
    offers.offer("c1", "marc", OFFERED_AT);
    offers.answer("c1", "marc", null);
    offers.viewHeard("marc");
    assertEquals(OFFERED_AT, offers.candidates(List.of(member("marc"))).get(0).lastAssignedAt());

    offers.memberLeft("marc");

    assertNull(offers.candidates(List.of(member("marc"))).get(0).lastAssignedAt());
  }

  @Test
  void anOfferStillOutToAMemberThatLeftStaysCountedUntilAnswered() {
    offers.offer("c1", "marc", OFFERED_AT);

    offers.memberLeft("marc");

    assertEquals(1, offers.candidates(List.of(member("marc"))).get(0).view().active());
    offers.answer("c1", "marc", null);
    offers.viewHeard("marc");
    assertEquals(0, offers.candidates(List.of(member("marc"))).get(0).view().active());
  }

  private static Router.Candidate member(String operatorId) {
    return new Router.Candidate(new MemberView(operatorId, "en_US", List.of(), 0, 5, 1), 0, null);
  }
}
