package livechat.http.websocket;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The frames a session handed to its socket that the socket has not taken yet. A session reading
 * history hands over a page only while few are pending, and is called back once they drain: so a
 * client catching up on thousands of messages is fed as fast as it reads, never past the buffer.
 */
final class OutgoingWindow {

  private final int lowWater;
  private final AtomicLong handed = new AtomicLong();
  private final AtomicLong taken = new AtomicLong();
  private final AtomicReference<Runnable> whenDrained = new AtomicReference<>();

  /** {@code lowWater}: at most this many pending frames leave room for another page. */
  OutgoingWindow(int lowWater) {
    this.lowWater = lowWater;
  }

  /** The session handed a frame over (the session's thread). */
  void handed() {
    handed.incrementAndGet();
  }

  /** The socket took a frame (the stream's thread). */
  void taken() {
    taken.incrementAndGet();
    if (hasRoom()) {
      runDrained();
    }
  }

  boolean hasRoom() {
    return handed.get() - taken.get() <= lowWater;
  }

  /** Runs {@code action} once there is room, at once if there is; replaces an earlier one. */
  void whenDrained(Runnable action) {
    whenDrained.set(action);
    if (hasRoom()) {
      runDrained();
    }
  }

  private void runDrained() {
    Runnable action = whenDrained.getAndSet(null);
    if (action != null) {
      action.run();
    }
  }
}
