package livechat.http.operators;

import static livechat.http.Ids.Kind.OPERATOR;

import livechat.engine.EntityDirectory;
import livechat.engine.OperatorAccounts;
import livechat.engine.operator.Operator;
import livechat.http.ApiRoute;
import livechat.http.Ids;
import livechat.http.Json;
import livechat.http.auth.Authentication;
import livechat.http.limits.RateLimits;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.server.PathMatchers;
import org.apache.pekko.http.javadsl.server.Route;

/** Logging in and out, the administration of operators, and an operator's own profile. */
public final class OperatorRoutes extends ApiRoute {

  private final Authentication auth;
  private final OperatorAccounts accounts;
  private final EntityDirectory directory;
  private final RateLimits limits;

  public OperatorRoutes(
      ActorSystem<?> system,
      Authentication auth,
      OperatorAccounts accounts,
      EntityDirectory directory,
      RateLimits limits) {
    super(system);
    this.auth = auth;
    this.accounts = accounts;
    this.directory = directory;
    this.limits = limits;
  }

  public Route route() {
    return concat(
        path(
            PathMatchers.segment("api").slash("auth").slash("login"),
            () -> post(() -> limits.login(this::login))),
        path(
            PathMatchers.segment("api").slash("auth").slash("logout"),
            () -> post(() -> auth.operatorWithoutActivity(this::logout))),
        path(
            PathMatchers.segment("api").slash("admin").slash("operators"),
            () -> post(() -> auth.admin(this::createOperator))),
        path(
            PathMatchers.segment("api")
                .slash("admin")
                .slash("operators")
                .slash(PathMatchers.segment()),
            operatorId ->
                patch(
                    () ->
                        auth.admin(
                            () ->
                                Ids.known(
                                    OPERATOR, operatorId, () -> updateOperator(operatorId))))),
        path(
            PathMatchers.segment("api").slash("me"),
            () ->
                auth.operator(
                    operatorId ->
                        concat(get(() -> me(operatorId)), patch(() -> updateMe(operatorId))))),
        path(
            PathMatchers.segment("api").slash("me").slash("heartbeat"),
            () -> post(() -> auth.operator(operatorId -> complete(StatusCodes.NO_CONTENT)))));
  }

  private Route login() {
    return entity(
        Json.unmarshaller(OperatorJson.LoginRequest.class),
        body ->
            reply(
                StatusCodes.OK,
                accounts.authenticate(body.login(), body.password()),
                signedIn ->
                    new OperatorJson.LoginResponse(
                        auth.tokens().forOperator(signedIn.operatorId(), signedIn.tokenVersion()),
                        signedIn.operatorId())));
  }

  /** Ends every token of the operator issued until now; its sockets close. */
  private Route logout(String operatorId) {
    return replyEmpty(
        StatusCodes.NO_CONTENT,
        accounts
            .logOut(operatorId)
            .thenAccept(tokenVersion -> auth.tokenVersionIs(operatorId, tokenVersion)));
  }

  private Route createOperator() {
    return entity(
        Json.unmarshaller(OperatorJson.CreateRequest.class),
        body ->
            reply(
                StatusCodes.CREATED,
                accounts.create(
                    body.login(),
                    body.name(),
                    body.password(),
                    body.mainLanguage(),
                    body.capacity()),
                OperatorJson.Profile::of));
  }

  private Route updateOperator(String operatorId) {
    return entity(
        Json.unmarshaller(OperatorJson.UpdateRequest.class),
        body ->
            reply(
                StatusCodes.OK,
                accounts
                    .updateAccount(
                        operatorId, body.name(), body.capacity(), body.password(), body.disabled())
                    .thenApply(
                        profile -> {
                          auth.tokenVersionIs(operatorId, profile.tokenVersion());
                          return profile;
                        }),
                OperatorJson.Profile::of));
  }

  private Route me(String operatorId) {
    return reply(
        StatusCodes.OK,
        ask(directory.operator(operatorId), Operator.GetProfile::new),
        OperatorJson.Profile::of);
  }

  private Route updateMe(String operatorId) {
    return entity(
        Json.unmarshaller(OperatorJson.PreferencesRequest.class),
        body ->
            reply(
                StatusCodes.OK,
                accounts.updatePreferences(
                    operatorId,
                    body.onlineChatNameGiven(),
                    body.onlineChatName(),
                    body.mainLanguage(),
                    body.chatLanguages()),
                OperatorJson.Profile::of));
  }
}
