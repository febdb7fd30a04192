package livechat.engine.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import livechat.engine.MemberView;
import livechat.engine.Router;
import livechat.engine.channel.ChannelEvent.MemberUpdated;
import livechat.engine.channel.ChannelState.Open;

/**
 * The members' load as the channel routes by it: each member's latest view and when it was last
 * given a conversation, kept in memory. A member's view changes with every conversation it takes or
 * ends; the channel stores it only when the member joins, when its languages or capacity change and
 * when it fills up or has room again, so that a channel woken from its events offers to the members
 * that have room. The load in between, and the order among members equally loaded, start again from
 * the stored views after a restart; the operator, who accepts or refuses each offer, is never wrong
 * about its own room.
 */
final class MemberLoads {

  private final Map<String, MemberView> latest = new HashMap<>();
  private final Map<String, Instant> lastAssignedAt = new HashMap<>();
  private final DerivedCandidates latestCandidates = new DerivedCandidates(this::withLatest);

  /** After a restart the stored views are the latest known. */
  void forget() {
    latest.clear();
    lastAssignedAt.clear();
    latestCandidates.clear();
  }

  /**
   * Takes the member's view unless a later one is known, and returns the event to store: none while
   * only its load changed within its room.
   */
  List<ChannelEvent> heard(Open state, MemberView view, Instant at) {
    Router.Candidate stored = state.members().get(view.operatorId());
    MemberView known = latest.get(view.operatorId());
    if ((known != null && view.olderThan(known))
        || (stored != null && view.olderThan(stored.view()))) {
      return List.of();
    }
    latest.put(view.operatorId(), view);
    latestCandidates.changed(view.operatorId());
    if (stored != null && sameRouting(stored.view(), view)) {
      return List.of();
    }
    return List.of(new MemberUpdated(view, at));
  }

  void assigned(String operatorId, Instant at) {
    lastAssignedAt.put(operatorId, at);
    latestCandidates.changed(operatorId);
  }

  void removed(String operatorId) {
    latest.remove(operatorId);
    lastAssignedAt.remove(operatorId);
    latestCandidates.changed(operatorId);
  }

  /** The stored members with their latest views and assignments. */
  List<Router.Candidate> current(Collection<Router.Candidate> stored) {
    List<Router.Candidate> members = new ArrayList<>(stored.size());
    for (Router.Candidate member : stored) {
      members.add(latestCandidates.from(member));
    }
    return members;
  }

  private Router.Candidate withLatest(Router.Candidate stored) {
    String operatorId = stored.view().operatorId();
    MemberView heard = latest.get(operatorId);
    MemberView view = heard != null && !heard.olderThan(stored.view()) ? heard : stored.view();
    Instant lastGiven =
        OffersInFlight.later(stored.lastAssignedAt(), lastAssignedAt.get(operatorId));
    if (view == stored.view() && Objects.equals(lastGiven, stored.lastAssignedAt())) {
      return stored;
    }
    return new Router.Candidate(view, stored.joinOrder(), lastGiven);
  }

  /** Whether the stored view routes as the new one does but for the load within the room. */
  private static boolean sameRouting(MemberView stored, MemberView view) {
    return stored.capacity() == view.capacity()
        && stored.hasRoom() == view.hasRoom()
        && Objects.equals(stored.mainLanguage(), view.mainLanguage())
        && stored.chatLanguages().equals(view.chatLanguages());
  }
}
