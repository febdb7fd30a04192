package livechat.http.commands;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import livechat.engine.EntityDirectory;
import livechat.engine.Rejection;
import livechat.engine.channel.Channel;
import livechat.engine.operator.Operator;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Finds the operator of a channel that a person names: by display name, name or login, ignoring
 * case and extra spaces. Nobody is a 404, more than one a 409 that lists them.
 */
final class ChannelOperatorFinder {

  private final ActorSystem<?> system;
  private final EntityDirectory directory;
  private final Duration askTimeout;

  ChannelOperatorFinder(ActorSystem<?> system, EntityDirectory directory) {
    this.system = system;
    this.directory = directory;
    this.askTimeout = system.settings().config().getDuration("livechat.http.ask-timeout");
  }

  /** The one operator of the channel, other than {@code askingOperatorId}, called {@code who}. */
  CompletionStage<Operator.Profile> find(String channelId, String who, String askingOperatorId) {
    return AskPattern.<Channel.Command, Channel.Summary>askWithStatus(
            directory.channel(channelId), Channel.GetSummary::new, askTimeout, system.scheduler())
        .thenCompose(summary -> profiles(summary.members()))
        .thenApply(members -> choose(members, who, askingOperatorId));
  }

  static Operator.Profile choose(
      List<Operator.Profile> members, String who, String askingOperatorId) {
    String wanted = normalized(who);
    List<Operator.Profile> named =
        members.stream().filter(member -> isCalled(member, wanted)).toList();
    List<Operator.Profile> others =
        named.stream().filter(member -> !member.id().equals(askingOperatorId)).toList();
    if (others.size() == 1) {
      return others.get(0);
    }
    if (others.size() > 1) {
      throw Rejection.conflict(
          "ambiguous_operator",
          "Several operators of this channel are called \""
              + who
              + "\": "
              + others.stream()
                  .map(member -> member.displayName() + " (login " + member.login() + ")")
                  .collect(Collectors.joining(", "))
              + ". Name one by its login.");
    }
    if (!named.isEmpty()) {
      throw Rejection.conflict("transfer_to_self", "The conversation is already assigned to you.");
    }
    throw Rejection.notFound(
        "unknown_operator",
        "No operator in this conversation's channel is called \""
            + who
            + "\"; an operator must have joined the channel to take a conversation.");
  }

  private static boolean isCalled(Operator.Profile member, String wanted) {
    return wanted.equals(normalized(member.displayName()))
        || wanted.equals(normalized(member.name()))
        || wanted.equals(normalized(member.login()));
  }

  private static String normalized(String name) {
    return name == null ? "" : name.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  private CompletionStage<List<Operator.Profile>> profiles(List<String> operatorIds) {
    List<CompletableFuture<Operator.Profile>> asks =
        operatorIds.stream()
            .map(
                operatorId ->
                    AskPattern.<Operator.Command, Operator.Profile>askWithStatus(
                            directory.operator(operatorId),
                            Operator.GetProfile::new,
                            askTimeout,
                            system.scheduler())
                        .toCompletableFuture())
            .toList();
    return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
        .thenApply(done -> asks.stream().map(CompletableFuture::join).toList());
  }
}
