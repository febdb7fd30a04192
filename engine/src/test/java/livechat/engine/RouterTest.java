package livechat.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each scoring rule of the {@link Router}, alone. */
class RouterTest {

  private final Router router = new Router(1);
  private long joinOrder = 0;

  @Test
  void aMemberAtCapacityIsNeverOffered() {
    Router.Candidate full = member("full", "fr_FR", 5, 5);
    Router.Candidate free = member("free", "en_US", 4, 5);

    assertEquals(List.of("free"), ids(router.rank(List.of(full, free), "fr_FR")));
  }

  @Test
  void nobodyIsOfferedWhenEveryoneIsAtCapacity() {
    assertEquals(List.of(), ids(router.rank(List.of(member("a", "en_US", 2, 2)), "en_US")));
  }

  @Test
  void lowerLoadWins() {
    Router.Candidate busy = member("busy", "en_US", 3, 5);
    Router.Candidate idle = member("idle", "en_US", 0, 5);

    assertEquals(List.of("idle", "busy"), ids(router.rank(List.of(busy, idle), "en_US")));
  }

  @Test
  void loadIsActiveOverCapacity() {
    Router.Candidate small = member("small", "en_US", 1, 2); // half full
    Router.Candidate large = member("large", "en_US", 2, 10); // a fifth full

    assertEquals(List.of("large", "small"), ids(router.rank(List.of(small, large), "en_US")));
  }

  @Test
  void mainLanguageBeatsAnotherLanguageWithinTheTolerance() {
    Router.Candidate english = member("english", "en_US", 0, 5);
    Router.Candidate french = member("french", "fr_FR", 1, 5);

    assertEquals(List.of("french", "english"), ids(router.rank(List.of(english, french), "fr_FR")));
  }

  @Test
  void languageDoesNotSupersedeAClearlyLighterLoad() {
    Router.Candidate english = member("english", "en_US", 0, 5);
    Router.Candidate french = member("french", "fr_FR", 2, 5);

    assertEquals(List.of("english", "french"), ids(router.rank(List.of(english, french), "fr_FR")));
  }

  @Test
  void theToleranceIsConfigurable() {
    Router tolerant = new Router(2);
    Router.Candidate english = member("english", "en_US", 0, 5);
    Router.Candidate french = member("french", "fr_FR", 2, 5);

    assertEquals(
        List.of("french", "english"), ids(tolerant.rank(List.of(english, french), "fr_FR")));
  }

  @Test
  void mainLanguageBeatsExtraLanguageWhichBeatsNoMatch() {
    Router.Candidate none = member("none", "de_DE", 0, 5);
    Router.Candidate extra = member("extra", "en_US", List.of("fr_FR"), 0, 5);
    Router.Candidate main = member("main", "fr_FR", 0, 5);

    assertEquals(
        List.of("main", "extra", "none"), ids(router.rank(List.of(none, extra, main), "fr_FR")));
  }

  @Test
  void theFullCodeMatchesBeforeTheLanguagePart() {
    Router.Candidate france = member("france", "fr_FR", 0, 5);
    Router.Candidate belgium = member("belgium", "fr_BE", 0, 5);
    Router.Candidate extraBelgium = member("extraBelgium", "en_US", List.of("fr_BE"), 0, 5);
    Router.Candidate extraFrance = member("extraFrance", "en_US", List.of("fr_FR"), 0, 5);

    assertEquals(
        List.of("belgium", "france", "extraBelgium", "extraFrance"),
        ids(router.rank(List.of(extraFrance, france, extraBelgium, belgium), "fr_BE")));
  }

  @Test
  void aVisitorLanguageWithoutCountryMatchesByLanguagePart() {
    Router.Candidate english = member("english", "en_US", 0, 5);
    Router.Candidate french = member("french", "fr_CA", 0, 5);

    assertEquals(List.of("french", "english"), ids(router.rank(List.of(english, french), "fr")));
  }

  @Test
  void withEqualLoadAndLanguageTheLeastRecentlyAssignedWins() {
    Instant earlier = Instant.parse("2026-01-01T10:00:00Z");
    Router.Candidate recent = assigned(member("recent", "en_US", 1, 5), earlier.plusSeconds(60));
    Router.Candidate longAgo = assigned(member("longAgo", "en_US", 1, 5), earlier);

    assertEquals(List.of("longAgo", "recent"), ids(router.rank(List.of(recent, longAgo), "en_US")));
  }

  @Test
  void neverAssignedMembersComeFirstInJoiningOrder() {
    Router.Candidate first = member("first", "en_US", 0, 5);
    Router.Candidate second = member("second", "en_US", 0, 5);
    Router.Candidate assigned =
        assigned(member("assigned", "en_US", 0, 5), Instant.parse("2026-01-01T10:00:00Z"));

    assertEquals(
        List.of("first", "second", "assigned"),
        ids(router.rank(List.of(assigned, second, first), "en_US")));
  }

  @Test
  void theSameViewsAlwaysGiveTheSameRanking() {
    List<Router.Candidate> members =
        List.of(member("a", "en_US", 1, 5), member("b", "en_US", 1, 5), member("c", "en_US", 1, 5));

    assertEquals(ids(router.rank(members, "en_US")), ids(router.rank(members, "en_US")));
    assertEquals(List.of("a", "b", "c"), ids(router.rank(members, "en_US")));
  }

  private Router.Candidate member(String id, String main, int active, int capacity) {
    return member(id, main, List.of(), active, capacity);
  }

  private Router.Candidate member(
      String id, String main, List<String> extra, int active, int capacity) {
    return new Router.Candidate(
        new MemberView(id, main, extra, active, capacity), joinOrder++, null);
  }

  private static Router.Candidate assigned(Router.Candidate candidate, Instant at) {
    return new Router.Candidate(candidate.view(), candidate.joinOrder(), at);
  }

  private static List<String> ids(List<Router.Candidate> ranked) {
    return ranked.stream().map(candidate -> candidate.view().operatorId()).toList();
  }
}
