package livechat.http.operators;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import livechat.engine.operator.Operator;
import livechat.http.InvalidRequest;

/** The JSON of the operator routes. */
public final class OperatorJson {

  private OperatorJson() {}

  /** An operator's profile; never its password. */
  public record Profile(
      String id,
      String login,
      String name,
      String onlineChatName,
      String displayName,
      String mainLanguage,
      List<String> chatLanguages,
      int capacity,
      List<String> channels,
      int activeConversations,
      String status,
      boolean disabled) {

    public static Profile of(Operator.Profile profile) {
      return new Profile(
          profile.id(),
          profile.login(),
          profile.name(),
          profile.onlineChatName(),
          profile.displayName(),
          profile.mainLanguage(),
          profile.chatLanguages(),
          profile.capacity(),
          profile.channels(),
          profile.conversations().size(),
          profile.online() ? "online" : "offline",
          profile.disabled());
    }
  }

  public record CreateRequest(
      String login, String name, String password, String mainLanguage, Integer capacity) {
    public CreateRequest {
      require(login, "login");
      require(name, "name");
      require(password, "password");
      require(mainLanguage, "mainLanguage");
    }
  }

  /** {@code PATCH /api/admin/operators/{id}}: each field is optional. */
  public record UpdateRequest(Integer capacity, String name, String password, Boolean disabled) {}

  public record LoginRequest(String login, String password) {
    public LoginRequest {
      require(login, "login");
      require(password, "password");
    }
  }

  public record LoginResponse(String token, String operatorId) {}

  /**
   * {@code PATCH /api/me}: each field is optional; {@code "onlineChatName": null} clears the name,
   * which a record could not tell from a missing field.
   */
  public static final class PreferencesRequest {
    private String onlineChatName;
    private boolean onlineChatNameGiven;
    private String mainLanguage;
    private List<String> chatLanguages;

    @JsonProperty("onlineChatName")
    void setOnlineChatName(String onlineChatName) {
      this.onlineChatName = onlineChatName;
      this.onlineChatNameGiven = true;
    }

    @JsonProperty("mainLanguage")
    void setMainLanguage(String mainLanguage) {
      if (mainLanguage == null) {
        throw new InvalidRequest("invalid_field", "Field 'mainLanguage' must be a string.");
      }
      this.mainLanguage = mainLanguage;
    }

    @JsonProperty("chatLanguages")
    void setChatLanguages(List<String> chatLanguages) {
      if (chatLanguages == null || chatLanguages.stream().anyMatch(code -> code == null)) {
        throw new InvalidRequest(
            "invalid_field", "Field 'chatLanguages' must be an array of strings.");
      }
      this.chatLanguages = List.copyOf(chatLanguages);
    }

    public String onlineChatName() {
      return onlineChatName;
    }

    public boolean onlineChatNameGiven() {
      return onlineChatNameGiven;
    }

    public String mainLanguage() {
      return mainLanguage;
    }

    public List<String> chatLanguages() {
      return chatLanguages;
    }
  }

  static void require(Object value, String field) {
    if (value == null) {
      throw InvalidRequest.missingField(field);
    }
  }
}
