package livechat.http;

import com.typesafe.config.Config;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import livechat.engine.Engine;
import livechat.engine.EngineObserver;
import livechat.engine.conversation.ConversationHistory;
import livechat.engine.reports.ReadSide;
import livechat.http.admin.AdminListRoutes;
import livechat.http.admin.ReportRoutes;
import livechat.http.auth.Authentication;
import livechat.http.canned.CannedResponseRoutes;
import livechat.http.channels.ChannelRoutes;
import livechat.http.commands.CommandRoutes;
import livechat.http.conversations.ConversationRoutes;
import livechat.http.health.CassandraAvailability;
import livechat.http.health.HealthRoutes;
import livechat.http.health.ReadinessCheck;
import livechat.http.languages.LanguageRoutes;
import livechat.http.limits.RateLimits;
import livechat.http.logging.AccessLog;
import livechat.http.logging.ObservedRequests;
import livechat.http.metrics.Metrics;
import livechat.http.metrics.MetricsRoutes;
import livechat.http.operators.OperatorRoutes;
import livechat.http.pages.PageRoutes;
import livechat.http.web.CrossOrigin;
import livechat.http.web.WebPages;
import livechat.http.webhooks.WebhookRoutes;
import livechat.http.websocket.WebSocketRoutes;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.model.headers.ProductVersion;
import org.apache.pekko.http.javadsl.model.headers.Server;
import org.apache.pekko.http.javadsl.server.AllDirectives;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.http.javadsl.settings.ServerSettings;

/**
 * The node's HTTP API: every route, with its errors answered as {@link ApiErrors} says, bound to
 * the configured interface and port ({@code livechat.http}).
 */
public final class HttpApi extends AllDirectives {

  private final ActorSystem<?> system;
  private final Engine engine;
  private final Authentication auth;
  private final List<ReadinessCheck> readinessChecks;
  private final ReadSide readSide;

  public HttpApi(
      ActorSystem<?> system,
      Engine engine,
      Authentication auth,
      List<ReadinessCheck> readinessChecks,
      ReadSide readSide) {
    this.system = system;
    this.engine = engine;
    this.auth = auth;
    this.readinessChecks = List.copyOf(readinessChecks);
    this.readSide = readSide;
  }

  /**
   * What the engine reports, as this node's meters and its view of Cassandra: pass it to {@link
   * Engine#init(ActorSystem, java.time.Clock, EngineObserver)}.
   */
  public static EngineObserver engineObserver(ActorSystem<?> system) {
    return Metrics.get(system).engine().andThen(CassandraAvailability.get(system));
  }

  public Route route() {
    Metrics metrics = Metrics.get(system);
    return new ObservedRequests(metrics.http(), new AccessLog()).around(routes(metrics));
  }

  private Route routes(Metrics metrics) {
    Config http = system.settings().config().getConfig("livechat.http");
    CrossOrigin crossOrigin = new CrossOrigin(http);
    ApiErrors errors = new ApiErrors();
    RateLimits limits = new RateLimits(system.settings().config().getConfig("livechat.limits"));
    ConversationHistory history =
        new ConversationHistory(system, engine.directory(), http.getDuration("ask-timeout"));
    // built once: the routes hold state of their own (known channels, sockets per token)
    Route api =
        concat(
            new LanguageRoutes(system, auth).route(),
            new OperatorRoutes(system, auth, engine.accounts(), engine.directory(), limits).route(),
            new ChannelRoutes(system, auth, engine.directory(), limits).route(),
            new CannedResponseRoutes(system, auth).route(),
            new PageRoutes(system, auth, engine.directory()).route(),
            new CommandRoutes(system, auth, engine.directory()).route(),
            new ConversationRoutes(system, auth, engine.directory(), history).route(),
            new AdminListRoutes(system, auth, engine.directory(), history, readSide).route(),
            new ReportRoutes(system, auth, readSide).route(),
            new WebhookRoutes(system, auth, readSide, Clock.systemUTC()).route(),
            new WebSocketRoutes(system, auth, engine.directory(), history).route());
    // errors are answered inside the CORS directive too, so that other origins can read them
    Route apiWithErrors = errors.handled(api);
    return errors.handled(
        concat(
            new HealthRoutes(readinessChecks, http.getDuration("health-check-timeout")).route(),
            new MetricsRoutes(metrics.registry()).route(),
            crossOrigin.api(() -> apiWithErrors),
            new WebPages(system.settings().config(), crossOrigin).route()));
  }

  /** Binds the API; it unbinds and drains its requests when the actor system shuts down. */
  public CompletionStage<ServerBinding> bind() {
    Config http = system.settings().config().getConfig("livechat.http");
    ServerSettings defaults = ServerSettings.create(system.settings().config());
    ServerSettings settings =
        defaults
            .withServerHeader(Optional.of(Server.create(ProductVersion.create("livechat", ""))))
            .withRemoteAddressAttribute(true)
            .withParserSettings(
                defaults.getParserSettings().withMaxContentLength(http.getBytes("max-body-size")))
            .withWebsocketSettings(
                defaults
                    .getWebsocketSettings()
                    .withPeriodicKeepAliveMaxIdle(
                        system.settings().config().getDuration("livechat.websocket.keep-alive")));
    return Http.get(system)
        .newServerAt(http.getString("interface"), http.getInt("port"))
        .withSettings(settings)
        .bind(route())
        .thenApply(
            binding ->
                binding.addToCoordinatedShutdown(http.getDuration("shutdown-deadline"), system));
  }
}
