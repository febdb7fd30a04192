package livechat.bench.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sockets of a scenario: one per visitor, one per operator that serves any of the
 * conversations, opened a bounded number at a time, all closed together.
 */
public final class SocketSet implements AutoCloseable {

  private static final int CONCURRENT_OPENS = 64;

  private final Map<String, ChatSocket> visitors = new ConcurrentHashMap<>();
  private final Map<String, ChatSocket> operatorsByToken = new ConcurrentHashMap<>();
  private final Map<String, String> operatorTokenOf = new HashMap<>();
  private final Set<String> opening = new HashSet<>();
  private final AtomicLong failures = new AtomicLong();

  private SocketSet() {}

  public static SocketSet open(
      Target target, List<Conversation> conversations, ChatSocket.Handler handler)
      throws InterruptedException {
    SocketSet set = new SocketSet();
    Semaphore permits = new Semaphore(CONCURRENT_OPENS);
    List<CompletableFuture<?>> pending = new ArrayList<>();
    for (Conversation conversation : conversations) {
      String operator = conversation.operatorToken();
      if (operator != null) {
        set.operatorTokenOf.put(conversation.id(), operator);
        if (set.opening.add(operator)) {
          pending.add(set.open(target, operator, Role.OPERATOR, handler, permits, null));
        }
      }
      pending.add(
          set.open(
              target, conversation.visitorToken(), Role.VISITOR, handler, permits, conversation));
    }
    CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new))
        .exceptionally(failure -> null)
        .join();
    return set;
  }

  private CompletableFuture<?> open(
      Target target,
      String token,
      Role role,
      ChatSocket.Handler handler,
      Semaphore permits,
      Conversation conversation)
      throws InterruptedException {
    permits.acquire();
    return ChatSocket.open(target.http(), target.socketUri(token), role, handler)
        .whenComplete(
            (socket, failure) -> {
              permits.release();
              if (failure != null) {
                failures.incrementAndGet();
              } else if (role == Role.VISITOR) {
                visitors.put(conversation.id(), socket);
              } else {
                operatorsByToken.put(token, socket);
              }
            });
  }

  public ChatSocket visitor(String conversationId) {
    return visitors.get(conversationId);
  }

  public ChatSocket operator(String conversationId) {
    String token = operatorTokenOf.get(conversationId);
    return token == null ? null : operatorsByToken.get(token);
  }

  public ChatSocket socket(String conversationId, Role role) {
    return role == Role.VISITOR ? visitor(conversationId) : operator(conversationId);
  }

  public int size() {
    return visitors.size() + operatorsByToken.size();
  }

  public long failures() {
    return failures.get();
  }

  @Override
  public void close() {
    visitors.values().forEach(ChatSocket::close);
    operatorsByToken.values().forEach(ChatSocket::close);
  }
}
