package livechat.engine.channel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import livechat.engine.channel.Channel.WritePending;
import livechat.engine.channel.ChannelState.Open;
import org.apache.pekko.persistence.typed.javadsl.ReplyEffect;

/**
 * The channel's writes, one at a time: the events waiting for the next write and what to do once
 * they are stored. While a write is under way the channel's commands wait, so what they add
 * meanwhile goes out together in one write.
 */
final class BatchedWrites {

  private final ChannelEnvironment env;

  /** Events to store in the next write, and what to do once they are. */
  private final List<ChannelEvent> unwritten = new ArrayList<>();

  private final List<Consumer<Open>> afterWrite = new ArrayList<>();
  private boolean writeScheduled;

  BatchedWrites(ChannelEnvironment env) {
    this.env = env;
  }

  /** After a restart a write may not have happened: what was waiting for it is dropped. */
  void forget() {
    unwritten.clear();
    afterWrite.clear();
    writeScheduled = false;
  }

  /** Stores the events with the next write, then runs {@code then}. */
  ReplyEffect<ChannelEvent, ChannelState> writeSoon(
      List<ChannelEvent> events, Consumer<Open> then) {
    unwritten.addAll(events);
    afterWrite.add(then);
    if (!writeScheduled) {
      writeScheduled = true;
      env.context().getSelf().tell(new WritePending());
    }
    return env.effects().none().thenNoReply();
  }

  ReplyEffect<ChannelEvent, ChannelState> onWritePending(Open state, WritePending write) {
    writeScheduled = false;
    List<ChannelEvent> events = List.copyOf(unwritten);
    List<Consumer<Open>> then = List.copyOf(afterWrite);
    unwritten.clear();
    afterWrite.clear();
    return env.effects()
        .persist(events)
        .thenRun(after -> then.forEach(action -> action.accept((Open) after)))
        .thenNoReply();
  }
}
