package livechat.engine.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import com.fasterxml.jackson.datatype.jsr310.ser.InstantSerializer;
import java.io.IOException;
import java.time.Instant;

/**
 * Writes instants as {@link IsoInstant} text, the same text as Jackson's {@code JavaTimeModule}
 * writes with {@code WRITE_DATES_AS_TIMESTAMPS} off, without its formatter's garbage: every message
 * frame and every stored event has an instant. Registered after {@code JavaTimeModule}, so that it
 * takes precedence; reading instants stays with {@code JavaTimeModule}. With timestamps on it hands
 * the instant to Jackson's own serializer.
 */
public final class InstantTextModule extends SimpleModule {

  public InstantTextModule() {
    super("livechat-instant-text");
    addSerializer(Instant.class, new InstantText());
  }

  private static final class InstantText extends StdSerializer<Instant> {

    private static final ThreadLocal<char[]> BUFFER =
        ThreadLocal.withInitial(() -> new char[IsoInstant.MAX_LENGTH]);

    InstantText() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      if (provider.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)) {
        InstantSerializer.INSTANCE.serialize(value, generator, provider);
        return;
      }
      char[] text = BUFFER.get();
      int length = IsoInstant.write(value, text);
      if (length < 0) {
        generator.writeString(IsoInstant.format(value));
      } else {
        generator.writeString(text, 0, length);
      }
    }
  }
}
