package livechat.engine.channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import livechat.engine.Router;
import livechat.engine.operator.Operator;

/**
 * A channel's offers that are out or answered but not taken in yet, and what they mean for routing:
 * an operator with offers out is as loaded as if it had accepted them, and counts as given work at
 * the time of its last offer. Members that refused are left out until they report room again.
 * Answers are handed back in the order the offers were made, so that conversations offered in queue
 * order are assigned in queue order however their operators' answers overtake one another. Kept in
 * memory only: after a restart the queue is routed afresh, and operators decline what they hold
 * already.
 */
final class OffersInFlight {

  /** An answer due to the channel: the conversation, its operator, and what it said. */
  record Answered(String conversationId, String operatorId, Operator.OfferAnswer answer) {}

  /** Conversation id to its offer, in the order the offers were made. */
  private final LinkedHashMap<String, Answered> offered = new LinkedHashMap<>();

  private final Set<String> answered = new HashSet<>();

  /** Operator id to its offers not yet reflected in the member view the channel routes by. */
  private final Map<String, Integer> pendingLoad = new HashMap<>();

  private final Map<String, Instant> lastOfferedAt = new HashMap<>();
  private final Set<String> refusedBy = new HashSet<>();
  private final DerivedCandidates routed = new DerivedCandidates(this::withOffers);

  int size() {
    return offered.size();
  }

  boolean isOffered(String conversationId) {
    return offered.containsKey(conversationId);
  }

  void offer(String conversationId, String operatorId, Instant at) {
    offered.put(conversationId, new Answered(conversationId, operatorId, null));
    pendingLoad.merge(operatorId, 1, Integer::sum);
    lastOfferedAt.put(operatorId, at);
    routed.changed(operatorId);
  }

  /**
   * Records the operator's answer ({@code null} when it did not answer in time) and returns the
   * answers now due, oldest offer first: none while an earlier offer still waits for its answer. An
   * answer that is not the one awaited (late, or for an offer since withdrawn) is ignored. The
   * operator's load stays counted until {@link #viewHeard} says so.
   */
  List<Answered> answer(String conversationId, String operatorId, Operator.OfferAnswer answer) {
    Answered awaited = offered.get(conversationId);
    if (awaited == null
        || !awaited.operatorId().equals(operatorId)
        || !answered.add(conversationId)) {
      return List.of();
    }
    offered.put(conversationId, new Answered(conversationId, operatorId, answer));
    List<Answered> due = new ArrayList<>();
    Iterator<Map.Entry<String, Answered>> oldestFirst = offered.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Map.Entry<String, Answered> oldest = oldestFirst.next();
      if (!answered.remove(oldest.getKey())) {
        break;
      }
      due.add(oldest.getValue());
      oldestFirst.remove();
    }
    return due;
  }

  /** The operator's answer is heard, with its view that counts the conversation if accepted. */
  void viewHeard(String operatorId) {
    pendingLoad.computeIfPresent(operatorId, (id, load) -> load > 1 ? load - 1 : null);
    routed.changed(operatorId);
  }

  void refused(String operatorId) {
    refusedBy.add(operatorId);
    lastOfferedAt.remove(operatorId);
    routed.changed(operatorId);
  }

  /** The member reports room: an earlier refusal no longer holds. */
  void hasRoomAgain(String operatorId) {
    refusedBy.remove(operatorId);
  }

  /**
   * The member left the channel: its refusal, the time of its last offer and its candidate are
   * forgotten. Offers still out to it stay counted until answered.
   */
  void memberLeft(String operatorId) {
    refusedBy.remove(operatorId);
    lastOfferedAt.remove(operatorId);
    routed.changed(operatorId);
  }

  /** Nobody could take the head of the queue: everyone may be asked again on the next change. */
  void forgetRefusals() {
    refusedBy.clear();
  }

  /** The members as the router should see them now, without those that refused. */
  List<Router.Candidate> candidates(Collection<Router.Candidate> members) {
    List<Router.Candidate> candidates = new ArrayList<>(members.size());
    for (Router.Candidate member : members) {
      if (!refusedBy.contains(member.view().operatorId())) {
        candidates.add(routed.from(member));
      }
    }
    return candidates;
  }

  private Router.Candidate withOffers(Router.Candidate member) {
    String operatorId = member.view().operatorId();
    int pending = pendingLoad.getOrDefault(operatorId, 0);
    Instant lastGiven = later(member.lastAssignedAt(), lastOfferedAt.get(operatorId));
    if (pending == 0 && Objects.equals(lastGiven, member.lastAssignedAt())) {
      return member;
    }
    return new Router.Candidate(
        member.view().withActive(member.view().active() + pending), member.joinOrder(), lastGiven);
  }

  /** The later of two instants, either of which may be null (never). */
  static Instant later(Instant a, Instant b) {
    if (a == null || b == null) {
      return a == null ? b : a;
    }
    return b.isAfter(a) ? b : a;
  }
}
