package livechat.engine;

import java.util.List;

/**
 * What a channel knows of one of its members to route work to it: the member's languages and its
 * load. The operator entity is the only writer of these values; channels hold copies that may lag.
 * {@code version} grows with every change the operator stores, so that a channel that hears of two
 * changes out of order keeps the later one (0: not versioned).
 */
public record MemberView(
    String operatorId,
    String mainLanguage,
    List<String> chatLanguages,
    int active,
    int capacity,
    long version)
    implements CborSerializable {

  public MemberView {
    chatLanguages = List.copyOf(chatLanguages);
  }

  public MemberView(
      String operatorId,
      String mainLanguage,
      List<String> chatLanguages,
      int active,
      int capacity) {
    this(operatorId, mainLanguage, chatLanguages, active, capacity, 0);
  }

  /** Whether this view is older than {@code other}, which then wins. */
  public boolean olderThan(MemberView other) {
    return version < other.version;
  }

  public boolean hasRoom() {
    return active < capacity;
  }

  public MemberView withActive(int newActive) {
    return new MemberView(operatorId, mainLanguage, chatLanguages, newActive, capacity, version);
  }
}
