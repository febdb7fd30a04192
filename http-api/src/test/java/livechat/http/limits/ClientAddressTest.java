package livechat.http.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClientAddressTest {

  private final ClientAddress behindProxies = new ClientAddress("10.0.0.1, 10.0.0.2");

  @Test
  void withoutATrustedProxyThePeerIsTheClientWhateverItForwards() {
    assertEquals(
        "203.0.113.9", new ClientAddress("").of("203.0.113.9", Optional.of("198.51.100.1")));
    assertEquals("203.0.113.9", behindProxies.of("203.0.113.9", Optional.of("198.51.100.1")));
  }

  @Test
  void behindTrustedProxiesTheClientIsTheLastAddressNotAProxy() {
    assertEquals(
        "198.51.100.1",
        behindProxies.of("10.0.0.1", Optional.of("192.0.2.5, 198.51.100.1, 10.0.0.2")));
    assertEquals("10.0.0.1", behindProxies.of("10.0.0.1", Optional.empty()));
  }
}
