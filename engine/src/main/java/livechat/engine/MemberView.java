package livechat.engine;

import java.util.List;

/**
 * What a channel knows of one of its members to route work to it: the member's languages and its
 * load. The operator entity is the only writer of these values; channels hold copies that may lag.
 */
public record MemberView(
    String operatorId, String mainLanguage, List<String> chatLanguages, int active, int capacity)
    implements CborSerializable {

  public MemberView {
    chatLanguages = List.copyOf(chatLanguages);
  }

  public boolean hasRoom() {
    return active < capacity;
  }

  public MemberView withActive(int newActive) {
    return new MemberView(operatorId, mainLanguage, chatLanguages, newActive, capacity);
  }
}
