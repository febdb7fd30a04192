package livechat.engine.operator;

import java.util.LinkedHashSet;
import java.util.Set;
import livechat.engine.operator.Operator.Command;
import livechat.engine.operator.Operator.Update;
import livechat.engine.operator.Operator.WatcherGone;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/**
 * The operator's open sessions, which hear of its updates: watched, so that a session that stops is
 * forgotten. Kept in memory only: an operator that restarts forgets them, and they watch again.
 */
final class OperatorSessions {

  private final ActorContext<Command> context;
  private final Set<ActorRef<Update>> watchers = new LinkedHashSet<>();

  OperatorSessions(ActorContext<Command> context) {
    this.context = context;
  }

  void watch(ActorRef<Update> watcher) {
    if (watchers.add(watcher)) {
      context.watchWith(watcher, new WatcherGone(watcher));
    }
  }

  void unwatch(ActorRef<Update> watcher) {
    if (watchers.remove(watcher)) {
      context.unwatch(watcher);
    }
  }

  void publish(Update update) {
    for (ActorRef<Update> watcher : watchers) {
      watcher.tell(update);
    }
  }
}
