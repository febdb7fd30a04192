package livechat.persistence;

import com.datastax.oss.driver.api.core.CqlSession;
import com.datastax.oss.driver.api.core.config.DefaultDriverOption;
import com.datastax.oss.driver.api.core.config.DriverConfigLoader;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Creates the keyspace, the Pekko journal and snapshot tables and the read side's tables from the
 * CQL files this module ships ({@code livechat/schema/*.cql}). Every statement is {@code IF NOT
 * EXISTS}, so it runs at each start.
 */
public final class CassandraSchema {

  private static final List<String> FILES =
      List.of("keyspace.cql", "journal.cql", "snapshot.cql", "read_side.cql");

  private CassandraSchema() {}

  /** The statements for these settings, in the order they must run. */
  public static List<String> statements(CassandraSettings settings) {
    List<String> statements = new ArrayList<>();
    for (String file : FILES) {
      String cql =
          read("livechat/schema/" + file)
              .replace("${keyspace}", settings.keyspace())
              .replace("${datacenter}", settings.localDatacenter())
              .replace("${replication_factor}", Integer.toString(settings.replicationFactor()));
      for (String statement : withoutComments(cql).split(";")) {
        if (!statement.isBlank()) {
          statements.add(statement.trim());
        }
      }
    }
    return statements;
  }

  /** Connects to the contact points and runs every statement. */
  public static void create(CassandraSettings settings) {
    DriverConfigLoader config =
        DriverConfigLoader.programmaticBuilder()
            .withDuration(DefaultDriverOption.REQUEST_TIMEOUT, Duration.ofSeconds(30))
            // the driver's schema metadata is of no use here and costs a debounced refresh per
            // statement
            .withBoolean(DefaultDriverOption.METADATA_SCHEMA_ENABLED, false)
            .build();
    try (CqlSession session =
        CqlSession.builder()
            .withConfigLoader(config)
            .addContactPoints(settings.contactAddresses())
            .withLocalDatacenter(settings.localDatacenter())
            .build()) {
      for (String statement : statements(settings)) {
        session.execute(statement);
      }
    }
  }

  private static String withoutComments(String cql) {
    return cql.lines()
        .filter(line -> !line.trim().startsWith("--"))
        .collect(Collectors.joining("\n"));
  }

  private static String read(String resource) {
    try (InputStream in = CassandraSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing schema resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
