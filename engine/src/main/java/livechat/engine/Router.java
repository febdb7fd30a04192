package livechat.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Chooses the member of a channel to offer a visitor's conversation to. If that operator refuses,
 * the channel asks again without it, so {@link #rank} (the choices in turn) is the order of offers.
 *
 * <ol>
 *   <li><b>Never</b> a member at capacity. (Members who left or were disconnected are not in the
 *       channel's list at all.)
 *   <li><b>Load first.</b> The least loaded candidate by {@code active / capacity} sets the band:
 *       every candidate whose active count is at most {@code language-load-tolerance} (default 1)
 *       above that candidate's. The winner is always in the band.
 *   <li><b>Language is a preference inside the band</b>: the visitor's language equal to the
 *       operator's main language (by full code {@code fr_BE}, then by language part {@code fr})
 *       beats an extra language (full code, then part), which beats no match. Then lower load.
 *   <li><b>Fairness</b>: the member assigned least recently wins; members never assigned come
 *       first, in the order they joined. No randomness: the same views give the same ranking.
 * </ol>
 */
public final class Router {

  /** A member as the router sees it: its view, when it joined, when it was last given work. */
  public record Candidate(MemberView view, long joinOrder, Instant lastAssignedAt)
      implements CborSerializable {}

  static final int MAIN_EXACT = 0;
  static final int MAIN_LANGUAGE = 1;
  static final int EXTRA_EXACT = 2;
  static final int EXTRA_LANGUAGE = 3;
  static final int NO_MATCH = 4;

  private final int languageLoadTolerance;

  public Router(int languageLoadTolerance) {
    this.languageLoadTolerance = languageLoadTolerance;
  }

  /**
   * The member to offer the conversation to: in one pass to find the least loaded, one to pick the
   * best of its band. Empty when every member is at capacity.
   */
  public Optional<Candidate> best(Collection<Candidate> members, String visitorLanguage) {
    Candidate leastLoaded = null;
    for (Candidate candidate : members) {
      if (candidate.view().hasRoom()
          && (leastLoaded == null || LEAST_LOADED.compare(candidate, leastLoaded) < 0)) {
        leastLoaded = candidate;
      }
    }
    if (leastLoaded == null) {
      return Optional.empty();
    }
    int bandLimit = leastLoaded.view().active() + languageLoadTolerance;
    String visitorPart = visitorLanguagePart(visitorLanguage);
    Candidate best = null;
    int bestLanguage = NO_MATCH + 1;
    for (Candidate candidate : members) {
      if (!candidate.view().hasRoom() || candidate.view().active() > bandLimit) {
        continue;
      }
      int language = languageRank(candidate.view(), visitorLanguage, visitorPart);
      if (best == null
          || language < bestLanguage
          || (language == bestLanguage && BY_LOAD_THEN_FAIRNESS.compare(candidate, best) < 0)) {
        best = candidate;
        bestLanguage = language;
      }
    }
    return Optional.of(best);
  }

  /**
   * Every member that may be offered the conversation, in the order the channel offers it when each
   * refuses in turn: the best, then the best of the others, and so on.
   */
  public List<Candidate> rank(Collection<Candidate> members, String visitorLanguage) {
    List<Candidate> left = new ArrayList<>(members);
    List<Candidate> ranked = new ArrayList<>();
    for (Optional<Candidate> next = best(left, visitorLanguage);
        next.isPresent();
        next = best(left, visitorLanguage)) {
      ranked.add(next.get());
      left.remove(next.get());
    }
    return ranked;
  }

  /** The language part of the visitor's language, or null when the visitor gave none. */
  private static String visitorLanguagePart(String visitorLanguage) {
    return visitorLanguage == null || visitorLanguage.isBlank()
        ? null
        : LanguageCode.languagePart(visitorLanguage);
  }

  /**
   * How well an operator's languages match the visitor's: lower is better. {@code visitorPart} is
   * the language part of {@code visitorLanguage}, or null when there is none.
   */
  private static int languageRank(MemberView operator, String visitorLanguage, String visitorPart) {
    if (visitorPart == null) {
      return NO_MATCH;
    }
    if (operator.mainLanguage().equals(visitorLanguage)) {
      return MAIN_EXACT;
    }
    if (LanguageCode.sameLanguage(operator.mainLanguage(), visitorPart)) {
      return MAIN_LANGUAGE;
    }
    if (operator.chatLanguages().contains(visitorLanguage)) {
      return EXTRA_EXACT;
    }
    for (String code : operator.chatLanguages()) {
      if (LanguageCode.sameLanguage(code, visitorPart)) {
        return EXTRA_LANGUAGE;
      }
    }
    return NO_MATCH;
  }

  /** By {@code active / capacity}, compared without rounding. */
  private static final Comparator<Candidate> BY_LOAD =
      (a, b) ->
          Long.compare(
              (long) a.view().active() * b.view().capacity(),
              (long) b.view().active() * a.view().capacity());

  private static final Comparator<Candidate> LEAST_LOADED =
      BY_LOAD.thenComparingInt(candidate -> candidate.view().active());

  /** Lower load, then least recently assigned; never assigned first, in joining order. */
  private static final Comparator<Candidate> BY_LOAD_THEN_FAIRNESS =
      BY_LOAD
          .thenComparing(
              Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparingLong(Candidate::joinOrder);
}
