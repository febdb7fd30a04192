package livechat.http.languages;

import livechat.engine.Settings;
import livechat.engine.Settings.EnableLanguages;
import livechat.engine.Settings.EnabledLanguages;
import livechat.engine.Settings.GetEnabledLanguages;
import livechat.http.ApiRoute;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** {@code GET /api/languages} for everyone, {@code PUT /api/admin/languages} for the admin. */
public final class LanguageRoutes extends ApiRoute {

  private final Authentication auth;

  public LanguageRoutes(ActorSystem<?> system, Authentication auth) {
    super(system);
    this.auth = auth;
  }

  public Route route() {
    return concat(
        path(PathMatchers.segment("api").slash("languages"), () -> get(this::enabledLanguages)),
        path(
            PathMatchers.segment("api").slash("admin").slash("languages"),
            () -> put(() -> auth.admin(this::enableLanguages))));
  }

  private Route enabledLanguages() {
    return reply(
        StatusCodes.OK,
        ask(Settings.entity(system), GetEnabledLanguages::new),
        LanguageRoutes::toJson);
  }

  private Route enableLanguages() {
    return entity(
        Json.unmarshaller(LanguagesJson.class),
        body ->
            reply(
                StatusCodes.OK,
                this.<Settings.Command, EnabledLanguages>ask(
                    Settings.entity(system),
                    replyTo -> new EnableLanguages(body.enabled(), replyTo)),
                LanguageRoutes::toJson));
  }

  private static LanguagesJson toJson(EnabledLanguages languages) {
    return new LanguagesJson(languages.languages());
  }
}
