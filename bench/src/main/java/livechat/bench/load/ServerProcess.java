package livechat.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A server the generator started (the node or the relay): its output copied to a log file, ready
 * once it printed the line that says where it listens, stopped with SIGTERM.
 */
public final class ServerProcess implements AutoCloseable {

  private final Process process;

  private ServerProcess(Process process) {
    this.process = process;
  }

  public static ServerProcess start(
      List<String> command, Map<String, String> env, Path dir, Path log, String readyMarker)
      throws IOException, InterruptedException, TimeoutException {
    Files.createDirectories(log.getParent());
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
    builder.environment().putAll(env);
    Process process = builder.redirectErrorStream(true).start();
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread copier =
        new Thread(() -> copy(process, log, readyMarker, ready), "log-" + log.getFileName());
    copier.setDaemon(true);
    copier.start();
    ServerProcess server = new ServerProcess(process);
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    try {
      if (!ready.get(5, TimeUnit.MINUTES)) {
        throw new IOException(command.get(command.size() - 1) + " exited; see " + log);
      }
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IOException(e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  private static void copy(
      Process process, Path log, String readyMarker, CompletableFuture<Boolean> ready) {
    try (var in = new BufferedReader(new InputStreamReader(process.getInputStream()));
        var out = new PrintWriter(Files.newBufferedWriter(log), true)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        out.println(line);
        if (line.contains(readyMarker)) {
          ready.complete(true);
        }
      }
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
    ready.complete(false);
  }

  public long pid() {
    return process.pid();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly().waitFor();
    }
  }
}
