package livechat.http.commands;

import java.util.Locale;
import livechat.http.InvalidRequest;

/**
 * A command an operator types in a conversation's composer, such as {@code /transfer Anne}: what it
 * asks for, read from its text. Commands and their answers are never part of the conversation.
 */
public sealed interface OperatorCommand {

  String HELP =
      "Commands (only you see them and their answers):\n"
          + "/help: this list\n"
          + "/history: the pages the visitor opened, most recent first\n"
          + "/close: close the conversation\n"
          + "/transfer <name or login>: give the conversation to an operator of its channel";

  record Help() implements OperatorCommand {}

  record History() implements OperatorCommand {}

  record Close() implements OperatorCommand {}

  /** {@code who} is an operator's display name, name or login. */
  record Transfer(String who) implements OperatorCommand {}

  /** The command of a text starting with {@code /}; an {@link InvalidRequest} otherwise. */
  static OperatorCommand parse(String text) {
    String command = text.strip();
    if (!command.startsWith("/")) {
      throw new InvalidRequest(
          "not_a_command", "A command starts with '/', such as /help; send a message instead.");
    }
    String[] parts = command.substring(1).split("\\s+", 2);
    String name = parts[0].toLowerCase(Locale.ROOT);
    String argument = parts.length > 1 ? parts[1].strip() : "";
    return switch (name) {
      case "help" -> noArgument(name, argument, new Help());
      case "history" -> noArgument(name, argument, new History());
      case "close" -> noArgument(name, argument, new Close());
      case "transfer" -> {
        if (argument.isEmpty()) {
          throw new InvalidRequest(
              "invalid_command", "Say to whom: /transfer followed by an operator's name or login.");
        }
        yield new Transfer(argument);
      }
      default ->
          throw new InvalidRequest(
              "unknown_command",
              "There is no command /"
                  + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
                  + ". "
                  + HELP);
    };
  }

  private static OperatorCommand noArgument(String name, String argument, OperatorCommand command) {
    if (!argument.isEmpty()) {
      throw new InvalidRequest("invalid_command", "/" + name + " takes nothing after it.");
    }
    return command;
  }
}
