package livechat.http.browser;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * A customer's website on its own origin (another port of the loopback interface), whose pages
 * embed the widget with the one tag the README gives, as any site would.
 */
public final class CustomerSite implements AutoCloseable {

  private final HttpServer server;
  private volatile String widgetTag = "";

  private CustomerSite(HttpServer server) {
    this.server = server;
  }

  public static CustomerSite start() throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    CustomerSite site = new CustomerSite(server);
    server.createContext(
        "/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          String title = path.contains("pricing") ? "Pricing" : "Home";
          byte[] page = site.page(title).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream body = exchange.getResponseBody()) {
            body.write(page);
          }
        });
    server.start();
    return site;
  }

  /** The origin of the site's pages, e.g. {@code http://127.0.0.1:41234}. */
  public String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Makes every page embed the widget of the node at {@code nodeOrigin} for the channel. */
  public void embed(String nodeOrigin, String channelId) {
    widgetTag =
        "<script src=\""
            + nodeOrigin
            + "/widget.js\" data-channel=\""
            + channelId
            + "\" async></script>";
  }

  public String url(String path) {
    return origin() + path;
  }

  private String page(String title) {
    return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
        + title
        + " - Example Shop</title></head><body><h1>"
        + title
        + "</h1><p>Handmade things.</p><a id=\"home\" href=\"/\">Home</a>"
        + " <a id=\"pricing\" href=\"/pricing\">Pricing</a>"
        + widgetTag
        + "</body></html>";
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
