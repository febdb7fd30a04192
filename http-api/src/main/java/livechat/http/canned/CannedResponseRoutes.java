package livechat.http.canned;

import java.util.UUID;
import livechat.engine.Rejection;
import livechat.engine.canned.CannedResponses;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** Canned responses: the admin writes them, operators read them to insert them by shortcut. */
public final class CannedResponseRoutes extends ApiRoute {

  private static final Rejection UNKNOWN_CANNED_RESPONSE =
      Rejection.notFound("unknown_canned_response", "There is no canned response with this id.");

  private final Authentication auth;

  public CannedResponseRoutes(ActorSystem<?> system, Authentication auth) {
    super(system);
    this.auth = auth;
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api").slash("canned-responses"),
            () -> get(() -> auth.operatorOrAdmin(caller -> list()))),
        path(
            PathMatchers.segment("api").slash("admin").slash("canned-responses"),
            () -> post(() -> auth.admin(this::create))),
        path(
            PathMatchers.segment("api")
                .slash("admin")
                .slash("canned-responses")
                .slash(PathMatchers.segment()),
            id ->
                auth.admin(
                    () ->
                        Ids.known(
                            UNKNOWN_CANNED_RESPONSE,
                            id,
                            () -> concat(put(() -> update(id)), delete(() -> remove(id)))))));
  }

  private Route list() {
    return reply(
        StatusCodes.OK,
        this.<CannedResponses.Command, CannedResponses.Listing>ask(
            CannedResponses.entity(system), CannedResponses.ListAll::new),
        listing -> listing.responses().stream().map(CannedResponseJson.Response::of).toList());
  }

  private Route create() {
    return entity(
        Json.unmarshaller(CannedResponseJson.Request.class),
        body ->
            reply(
                StatusCodes.CREATED,
                this.<CannedResponses.Command, CannedResponses.CannedResponse>ask(
                    CannedResponses.entity(system),
                    replyTo ->
                        new CannedResponses.Create(
                            UUID.randomUUID().toString(), body.shortcut(), body.text(), replyTo)),
                CannedResponseJson.Response::of));
  }

  private Route update(String id) {
    return entity(
        Json.unmarshaller(CannedResponseJson.Request.class),
        body ->
            reply(
                StatusCodes.OK,
                this.<CannedResponses.Command, CannedResponses.CannedResponse>ask(
                    CannedResponses.entity(system),
                    replyTo ->
                        new CannedResponses.Update(id, body.shortcut(), body.text(), replyTo)),
                CannedResponseJson.Response::of));
  }

  private Route remove(String id) {
    return replyEmpty(
        StatusCodes.NO_CONTENT,
        this.<CannedResponses.Command, Done>ask(
            CannedResponses.entity(system), replyTo -> new CannedResponses.Delete(id, replyTo)));
  }
}
