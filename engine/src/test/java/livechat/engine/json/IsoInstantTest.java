package livechat.engine.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class IsoInstantTest {

  record Stamped(String text, Instant at) {}

  private static final List<Instant> EDGES =
      List.of(
          Instant.EPOCH,
          Instant.parse("0000-01-01T00:00:00Z"),
          Instant.parse("9999-12-31T23:59:59.999999999Z"),
          Instant.parse("1969-12-31T23:59:59.5Z"),
          Instant.parse("2024-02-29T12:00:00.000001Z"),
          Instant.parse("2026-11-30T14:49:05.120Z"),
          Instant.parse("2026-11-30T14:49:05.123456780Z"),
          Instant.parse("-0001-12-31T23:59:59Z"),
          Instant.parse("+10000-01-01T00:00:00Z"),
          Instant.MIN,
          Instant.MAX);

  @Test
  void writesWhatIsoInstantWritesAtTheEdges() {
    for (Instant instant : EDGES) {
      assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstant.format(instant));
    }
  }

  @Test
  void writesWhatIsoInstantWritesForAMillionInstants() {
    SplittableRandom random = new SplittableRandom(30);
    long first = Instant.parse("0000-01-01T00:00:00Z").getEpochSecond();
    long last = Instant.parse("9999-12-31T23:59:59Z").getEpochSecond();
    for (int i = 0; i < 1_000_000; i++) {
      int nanos =
          switch (i % 4) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
          };
      Instant instant = Instant.ofEpochSecond(random.nextLong(first, last + 1), nanos);
      assertEquals(DateTimeFormatter.ISO_INSTANT.format(instant), IsoInstant.format(instant));
    }
  }

  @Test
  void theModuleWritesJsonAndCborAsJavaTimeModuleDoesAndReadsBack() throws Exception {
    for (ObjectMapper plain : List.of(new ObjectMapper(), new CBORMapper())) {
      ObjectMapper jackson =
          plain
              .copy()
              .registerModule(new JavaTimeModule())
              .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
      ObjectMapper ours = jackson.copy().registerModule(new InstantTextModule());
      for (Instant instant : EDGES) {
        Stamped stamped = new Stamped("hello", instant);
        byte[] written = ours.writeValueAsBytes(stamped);
        assertArrayEquals(jackson.writeValueAsBytes(stamped), written, instant.toString());
        assertEquals(stamped, ours.readValue(written, Stamped.class));
      }
    }
  }

  @Test
  void withTimestampsOnItWritesJacksonsTimestamps() throws Exception {
    ObjectMapper jackson =
        new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .enable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    ObjectMapper ours = jackson.copy().registerModule(new InstantTextModule());
    Stamped stamped = new Stamped("hello", Instant.parse("2026-11-30T14:49:05.123456780Z"));
    assertEquals(jackson.writeValueAsString(stamped), ours.writeValueAsString(stamped));
  }
}
