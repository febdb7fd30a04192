package livechat.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.io.entity.StringEntity;
import org.apache.hc.core5.util.Timeout;

/**
 * Visitors starting conversations, each start a blocking request on a thread of its own over a pool
 * of kept-alive connections (Apache HttpClient's classic client). The generator shares the machine
 * with the node it measures: at 500 starts a second this client took 8 % of a core where the JDK's
 * asynchronous client, with its selector thread, executor and futures, took 25 %.
 */
public final class StartClient implements AutoCloseable {

  /** A start's answer: its status and body. */
  public record Answer(int status, String body) {}

  private static final int MAX_CONNECTIONS = 512;
  private static final Timeout TIMEOUT = Timeout.ofSeconds(30);
  private static final StringEntity BODY =
      new StringEntity("{\"visitorName\":\"bench\"}", ContentType.APPLICATION_JSON);

  private final URI base;
  private final CloseableHttpClient client;
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          task -> {
            Thread thread = new Thread(task, "start-client");
            thread.setDaemon(true);
            return thread;
          });

  public StartClient(URI base) {
    this.base = base;
    PoolingHttpClientConnectionManager connections =
        PoolingHttpClientConnectionManagerBuilder.create()
            .setMaxConnTotal(MAX_CONNECTIONS)
            .setMaxConnPerRoute(MAX_CONNECTIONS)
            .setDefaultConnectionConfig(
                ConnectionConfig.custom()
                    .setConnectTimeout(TIMEOUT)
                    .setSocketTimeout(TIMEOUT)
                    .build())
            .build();
    this.client =
        HttpClients.custom()
            .setConnectionManager(connections)
            .disableAutomaticRetries()
            .disableCookieManagement()
            .disableRedirectHandling()
            .build();
  }

  /** Starts a conversation as a visitor on {@code channelId}; the answer as it came. */
  public CompletableFuture<Answer> start(String channelId) {
    return CompletableFuture.supplyAsync(
        () -> {
          HttpPost post =
              new HttpPost(base.resolve("/api/channels/" + channelId + "/conversations"));
          post.setHeader("Accept-Language", "en-US");
          post.setEntity(BODY);
          try {
            return client.execute(
                post,
                response ->
                    new Answer(
                        response.getCode(),
                        response.getEntity() == null
                            ? ""
                            : EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8)));
          } catch (IOException e) {
            throw new CompletionException(e);
          }
        },
        threads);
  }

  @Override
  public void close() throws IOException, InterruptedException {
    threads.shutdown();
    threads.awaitTermination(1, TimeUnit.MINUTES);
    client.close();
  }
}
