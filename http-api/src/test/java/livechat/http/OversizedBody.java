package livechat.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A request announcing a body over the server's limit, sent as its head only, with {@code Expect:
 * 100-continue}; the answer is read until the server closes the connection. The server answers such
 * a body at once, without asking for it. (A body sent anyway is left unread when the server closes,
 * which can reset the connection before the client reads the answer; and the JDK 17 HttpClient,
 * asked to expect a 100, waits forever for one that does not come.)
 */
public final class OversizedBody {

  private OversizedBody() {}

  /** The status, content type and body of the server's answer. */
  public record Answer(int status, String contentType, String body) {

    /** The answer is the error with this status and code, as {@link ErrorBody} checks it. */
    public void assertError(int expectedStatus, String code) {
      ErrorBody.assertError(expectedStatus, code, status, contentType, body);
    }
  }

  /** Sends the head of a {@code method} request to {@code path} announcing {@code length} bytes. */
  public static Answer announce(
      ApiTestServer server, String method, String path, String token, int length)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", server.port())) {
      socket.setSoTimeout(30_000);
      String head =
          method
              + " "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Authorization: Bearer "
              + token
              + "\r\nExpect: 100-continue\r\nContent-Length: "
              + length
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int endOfHead = response.indexOf("\r\n\r\n");
      assertTrue(endOfHead > 0, response);
      String contentType =
          response
              .substring(0, endOfHead)
              .lines()
              .filter(line -> line.regionMatches(true, 0, "Content-Type:", 0, 13))
              .map(line -> line.substring(13).trim())
              .findFirst()
              .orElse("");
      return new Answer(
          Integer.parseInt(response.substring(9, 12)),
          contentType,
          response.substring(endOfHead + 4));
    }
  }
}
