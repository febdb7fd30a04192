package livechat.http;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import livechat.http.health.HealthRoutes;
import livechat.http.health.ReadinessCheck;
import livechat.http.languages.LanguageRoutes;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.headers.ProductVersion;
import org.apache.pekko.http.javadsl.model.headers.Server;
import org.apache.pekko.http.javadsl.settings.ServerSettings;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * The node's HTTP API: every route, with its errors answered as {@link ApiErrors} says, bound to
 * the configured interface and port ({@code livechat.http}).
 */
public final class HttpApi extends AllDirectives {

  private final ActorSystem<?> system;
  private final AdminToken admin;
  private final List<ReadinessCheck> readinessChecks;

  public HttpApi(ActorSystem<?> system, AdminToken admin, List<ReadinessCheck> readinessChecks) {
    this.system = system;
    this.admin = admin;
    this.readinessChecks = List.copyOf(readinessChecks);
  }

  public Route route() {
    Config http = system.settings().config().getConfig("livechat.http");
    Duration askTimeout = http.getDuration("ask-timeout");
    return new ApiErrors()
        .handled(
            concat(
                new HealthRoutes(readinessChecks, http.getDuration("health-check-timeout"))
                    .route(),
                new LanguageRoutes(system, admin, askTimeout).route()));
  }

  /** Binds the API; it unbinds and drains its requests when the actor system shuts down. */
  public CompletionStage<ServerBinding> bind() {
    Config http = system.settings().config().getConfig("livechat.http");
    ServerSettings defaults = ServerSettings.create(system.settings().config());
    ServerSettings settings =
        defaults
            .withServerHeader(Optional.of(Server.create(ProductVersion.create("livechat", ""))))
            .withParserSettings(
                defaults
                    .getParserSettings()
                    .withMaxContentLength(http.getBytes("max-body-size")));
    return Http.get(system)
        .newServerAt(http.getString("interface"), http.getInt("port"))
        .withSettings(settings)
        .bind(route())
        .thenApply(
            binding ->
                binding.addToCoordinatedShutdown(http.getDuration("shutdown-deadline"), system));
  }
}
