package livechat.http.admin;

import static livechat.http.Ids.Kind.CHANNEL;

import java.util.Map;
import livechat.engine.ChannelCatalog;
import livechat.engine.reports.ReadSide;
import livechat.engine.reports.ReadSideSettings;
import livechat.engine.reports.Reports;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.auth.Authentication;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/**
 * Reports per channel and per operator over the conversations that started in a period, computed
 * from the read side's rows of that period (see {@link Reports} for each figure).
 */
public final class ReportRoutes extends ApiRoute {

  private final Authentication auth;
  private final ReadSide readSide;
  private final ReadSideSettings settings;

  public ReportRoutes(ActorSystem<?> system, Authentication auth, ReadSide readSide) {
    super(system);
    this.auth = auth;
    this.readSide = readSide;
    this.settings = ReadSideSettings.fromConfig(system.settings().config());
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api")
                .slash("admin")
                .slash("reports")
                .slash("channels")
                .slash(PathMatchers.segment()),
            channelId ->
                get(
                    () ->
                        auth.admin(
                            () ->
                                Ids.known(
                                    CHANNEL,
                                    channelId,
                                    () -> parameterMap(query -> channel(channelId, query)))))),
        path(
            PathMatchers.segment("api").slash("admin").slash("reports").slash("operators"),
            () -> get(() -> auth.admin(() -> parameterMap(this::operators)))));
  }

  private Route channel(String channelId, Map<String, String> query) {
    QueryParameters.Period period = new QueryParameters(query, settings).reportPeriod();
    return reply(
        StatusCodes.OK,
        ask(ChannelCatalog.entity(system), ChannelCatalog.ListChannels::new)
            .thenCompose(
                channels -> {
                  if (!channels.channelIds().contains(channelId)) {
                    throw CHANNEL.unknown();
                  }
                  return ReadSideAnswers.orUnavailable(
                      readSide.startedBetween(channelId, period.from(), period.to()));
                }),
        records -> AdminJson.ChannelReportJson.of(Reports.channel(records)));
  }

  private Route operators(Map<String, String> query) {
    QueryParameters.Period period = new QueryParameters(query, settings).reportPeriod();
    return reply(
        StatusCodes.OK,
        ReadSideAnswers.orUnavailable(readSide.startedBetween(null, period.from(), period.to())),
        records ->
            Reports.operators(records).stream().map(AdminJson.OperatorReportJson::of).toList());
  }
}
