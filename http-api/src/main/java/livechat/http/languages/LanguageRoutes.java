package livechat.http.languages;

import java.time.Duration;
import livechat.engine.Settings;
import livechat.engine.Settings.EnableLanguages;
import livechat.engine.Settings.EnabledLanguages;
import livechat.engine.Settings.GetEnabledLanguages;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/languages} for everyone, {@code PUT /api/admin/languages} for the admin. */
public final class LanguageRoutes extends AllDirectives {

  private final ActorSystem<?> system;
  private final Authentication auth;
  private final Duration askTimeout;

  public LanguageRoutes(ActorSystem<?> system, Authentication auth, Duration askTimeout) {
    this.system = system;
    this.auth = auth;
    this.askTimeout = askTimeout;
  }

  public Route route() {
    return concat(
        path(PathMatchers.segment("api").slash("languages"), () -> get(this::enabledLanguages)),
        path(
            PathMatchers.segment("api").slash("admin").slash("languages"),
            () -> put(() -> auth.admin(this::enableLanguages))));
  }

  private Route enabledLanguages() {
    return onSuccess(
        Settings.entity(system)
            .<EnabledLanguages>askWithStatus(GetEnabledLanguages::new, askTimeout),
        languages -> complete(StatusCodes.OK, toJson(languages), Json.marshaller()));
  }

  private Route enableLanguages() {
    return entity(
        Json.unmarshaller(LanguagesJson.class),
        body ->
            onSuccess(
                Settings.entity(system)
                    .<EnabledLanguages>askWithStatus(
                        replyTo -> new EnableLanguages(body.enabled(), replyTo), askTimeout),
                languages -> complete(StatusCodes.OK, toJson(languages), Json.marshaller())));
  }

  private static LanguagesJson toJson(EnabledLanguages languages) {
    return new LanguagesJson(languages.languages());
  }
}
