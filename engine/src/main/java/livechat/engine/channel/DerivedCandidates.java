package livechat.engine.channel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import livechat.engine.Router;

/**
 * Members as routing sees them, derived from other candidates and kept per operator until that
 * candidate or what it was derived with changes: a channel routes every start over all its members,
 * and between two starts the load of only one or two of them changed.
 */
final class DerivedCandidates {

  private record Derived(Router.Candidate from, Router.Candidate to) {}

  private final Map<String, Derived> byOperator = new HashMap<>();
  private final UnaryOperator<Router.Candidate> derivation;

  DerivedCandidates(UnaryOperator<Router.Candidate> derivation) {
    this.derivation = derivation;
  }

  /** The candidate derived from this one, derived again only if it is not the same as before. */
  Router.Candidate from(Router.Candidate candidate) {
    String operatorId = candidate.view().operatorId();
    Derived known = byOperator.get(operatorId);
    if (known != null && known.from() == candidate) {
      return known.to();
    }
    Router.Candidate derived = derivation.apply(candidate);
    byOperator.put(operatorId, new Derived(candidate, derived));
    return derived;
  }

  /** What the operator's candidate is derived with has changed. */
  void changed(String operatorId) {
    byOperator.remove(operatorId);
  }

  void clear() {
    byOperator.clear();
  }
}
