package livechat.engine.channel;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import livechat.engine.CborSerializable;
import livechat.engine.Router;

/** What a channel knows between commands, rebuilt from its events. */
public sealed interface ChannelState extends CborSerializable {

  record NoChannel() implements ChannelState {}

  /** {@code startedAt} and {@code queuedAt} are null in states older than them. */
  record Waiting(String conversationId, String language, Instant startedAt, Instant queuedAt)
      implements CborSerializable {}

  /** Members by operator id in joining order; the queue head first. */
  record Open(
      String name,
      Map<String, Router.Candidate> members,
      List<Waiting> queue,
      int nextVisitorNumber,
      long nextJoinOrder)
      implements ChannelState {

    int position(String conversationId) {
      for (int i = 0; i < queue.size(); i++) {
        if (queue.get(i).conversationId().equals(conversationId)) {
          return i + 1;
        }
      }
      return 0;
    }

    Open withMembers(Map<String, Router.Candidate> newMembers, long joinOrder) {
      return new Open(name, newMembers, queue, nextVisitorNumber, joinOrder);
    }

    Open withQueue(List<Waiting> newQueue, int visitorNumber) {
      return new Open(name, members, List.copyOf(newQueue), visitorNumber, nextJoinOrder);
    }
  }
}
