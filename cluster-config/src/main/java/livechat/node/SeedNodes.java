package livechat.node;

import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.Address;

/** The seed nodes of {@code livechat.cluster.seed-nodes}: {@code host:port} cluster addresses. */
final class SeedNodes {

  private SeedNodes() {}

  static List<Address> parse(String seedNodes, String systemName) throws NodeStartException {
    List<String> entries =
        Arrays.stream(seedNodes.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    try {
      return entries.stream()
          .map(
              entry -> {
                int colon = entry.lastIndexOf(':');
                if (colon <= 0) {
                  throw new IllegalArgumentException(entry);
                }
                return new Address(
                    "pekko",
                    systemName,
                    entry.substring(0, colon),
                    Integer.parseInt(entry.substring(colon + 1)));
              })
          .toList();
    } catch (IllegalArgumentException e) {
      throw new NodeStartException(
          "livechat.cluster.seed-nodes must be host:port,host:port, not '" + seedNodes + "'");
    }
  }
}
