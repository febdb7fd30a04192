package livechat.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where the journal lives: the Cassandra contact points, the local datacenter, the keyspace and its
 * replication factor, read from {@code livechat.cassandra}. No contact points means the node runs
 * its own embedded Cassandra.
 */
public record CassandraSettings(
    List<String> contactPoints, String localDatacenter, String keyspace, int replicationFactor) {

  private static final String PLUGIN_SETTINGS = "livechat/persistence.conf";
  private static final Pattern KEYSPACE = Pattern.compile("[a-zA-Z][a-zA-Z0-9_]{0,47}");
  private static final Pattern DATACENTER = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  private static final Pattern CONTACT_POINT = Pattern.compile("[^:\\s]+:[0-9]{1,5}");

  public CassandraSettings {
    contactPoints = List.copyOf(contactPoints);
    if (!KEYSPACE.matcher(keyspace).matches()) {
      throw new IllegalArgumentException(
          "livechat.cassandra.keyspace '" + keyspace + "' is not a valid Cassandra keyspace name");
    }
    if (!DATACENTER.matcher(localDatacenter).matches()) {
      throw new IllegalArgumentException(
          "livechat.cassandra.local-datacenter '"
              + localDatacenter
              + "' is not a data center name");
    }
    for (String contactPoint : contactPoints) {
      if (!CONTACT_POINT.matcher(contactPoint).matches()) {
        throw new IllegalArgumentException(
            "livechat.cassandra.contact-points holds '" + contactPoint + "', not host:port");
      }
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException(
          "livechat.cassandra.replication-factor must be at least 1");
    }
  }

  public static CassandraSettings fromConfig(Config config) {
    Config cassandra = config.getConfig("livechat.cassandra");
    List<String> contactPoints =
        Arrays.stream(cassandra.getString("contact-points").split(","))
            .map(String::trim)
            .filter(point -> !point.isEmpty())
            .toList();
    return new CassandraSettings(
        contactPoints,
        cassandra.getString("local-datacenter"),
        cassandra.getString("keyspace"),
        cassandra.getInt("replication-factor"));
  }

  public boolean embedded() {
    return contactPoints.isEmpty();
  }

  public CassandraSettings withContactPoints(List<String> points) {
    return new CassandraSettings(points, localDatacenter, keyspace, replicationFactor);
  }

  public CassandraSettings withKeyspace(String name) {
    return new CassandraSettings(contactPoints, localDatacenter, name, replicationFactor);
  }

  public List<InetSocketAddress> contactAddresses() {
    return contactPoints.stream()
        .map(
            point -> {
              int colon = point.lastIndexOf(':');
              return InetSocketAddress.createUnresolved(
                  point.substring(0, colon), Integer.parseInt(point.substring(colon + 1)));
            })
        .toList();
  }

  /**
   * The Pekko persistence settings of a node whose journal is this keyspace: the Cassandra plugin
   * ({@code livechat/persistence.conf}) and its driver's contact points. Lay it over the node's
   * configuration.
   */
  public Config pekkoConfig() {
    return ConfigFactory.parseMap(
            Map.of(
                "livechat.cassandra.contact-points", String.join(",", contactPoints),
                "livechat.cassandra.keyspace", keyspace,
                "pekko.persistence.cassandra.journal.keyspace", keyspace,
                "pekko.persistence.cassandra.snapshot.keyspace", keyspace,
                "datastax-java-driver.basic.load-balancing-policy.local-datacenter",
                    localDatacenter,
                "datastax-java-driver.basic.contact-points",
                    ConfigValueFactory.fromIterable(contactPoints)))
        // resolved here: its settings may be overridden by environment variables
        .withFallback(ConfigFactory.parseResources(PLUGIN_SETTINGS).resolve());
  }
}
