package livechat.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * Scores the members of a channel for a visitor and ranks them, best first. The channel offers
 * the conversation to the first; if that operator refuses, to the next.
 *
 * <ol>
 *   <li><b>Never</b> a member at capacity. (Members who left or were disconnected are not in the
 *       channel's list at all.)
 *   <li><b>Load first.</b> The least loaded candidate by {@code active / capacity} sets the band:
 *       every candidate whose active count is at most {@code language-load-tolerance} (default 1)
 *       above that candidate's. The winner is always in the band; candidates outside it come after
 *       every candidate in it, least loaded first.
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

  /** The candidates that may be offered the conversation, best first. */
  public List<Candidate> rank(Collection<Candidate> members, String visitorLanguage) {
    List<Candidate> eligible =
        members.stream().filter(candidate -> candidate.view().hasRoom()).toList();
    if (eligible.isEmpty()) {
      return List.of();
    }
    Candidate leastLoaded =
        eligible.stream().min(BY_LOAD.thenComparing(candidate -> candidate.view().active())).get();
    int bandLimit = leastLoaded.view().active() + languageLoadTolerance;
    Comparator<Candidate> byLanguage =
        Comparator.comparingInt(candidate -> languageRank(candidate.view(), visitorLanguage));

    List<Candidate> band = new ArrayList<>();
    List<Candidate> rest = new ArrayList<>();
    for (Candidate candidate : eligible) {
      (candidate.view().active() <= bandLimit ? band : rest).add(candidate);
    }
    band.sort(byLanguage.thenComparing(BY_LOAD).thenComparing(BY_FAIRNESS));
    rest.sort(BY_LOAD.thenComparing(byLanguage).thenComparing(BY_FAIRNESS));
    band.addAll(rest);
    return band;
  }

  /** How well an operator's languages match the visitor's: lower is better. */
  static int languageRank(MemberView operator, String visitorLanguage) {
    if (visitorLanguage == null || visitorLanguage.isBlank()) {
      return NO_MATCH;
    }
    String visitorPart = LanguageCode.languagePart(visitorLanguage);
    if (operator.mainLanguage().equals(visitorLanguage)) {
      return MAIN_EXACT;
    }
    if (LanguageCode.languagePart(operator.mainLanguage()).equals(visitorPart)) {
      return MAIN_LANGUAGE;
    }
    if (operator.chatLanguages().contains(visitorLanguage)) {
      return EXTRA_EXACT;
    }
    if (operator.chatLanguages().stream()
        .anyMatch(code -> LanguageCode.languagePart(code).equals(visitorPart))) {
      return EXTRA_LANGUAGE;
    }
    return NO_MATCH;
  }

  /** By {@code active / capacity}, compared without rounding. */
  private static final Comparator<Candidate> BY_LOAD =
      (a, b) ->
          Long.compare(
              (long) a.view().active() * b.view().capacity(),
              (long) b.view().active() * a.view().capacity());

  /** Least recently assigned first; never assigned before all, in joining order. */
  private static final Comparator<Candidate> BY_FAIRNESS =
      Comparator.comparing(
              Candidate::lastAssignedAt, Comparator.nullsFirst(Comparator.<Instant>naturalOrder()))
          .thenComparingLong(Candidate::joinOrder);
}
