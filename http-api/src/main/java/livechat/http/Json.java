package livechat.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.Collection;
import livechat.engine.json.InstantTextModule;
import org.apache.pekko.http.javadsl.marshalling.Marshaller;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.RequestEntity;
import org.apache.pekko.http.javadsl.unmarshalling.Unmarshaller;

/**
 * The API's JSON: strict on the way in (no unknown fields, no duplicate keys, no coercion between
 * strings, numbers and booleans), ISO-8601 times on the way out. A body that does not read as the
 * expected type becomes an {@link InvalidRequest} that names the field and what it must be.
 */
public final class Json {

  private static final ObjectMapper MAPPER = strictMapper();

  private Json() {}

  /** Reads a request body of the given type; only {@code application/json} is accepted. */
  public static <T> Unmarshaller<HttpEntity, T> unmarshaller(Class<T> type) {
    return Unmarshaller.forMediaType(MediaTypes.APPLICATION_JSON, Unmarshaller.entityToString())
        .thenApply(text -> read(text, type));
  }

  public static <T> Marshaller<T, RequestEntity> marshaller() {
    return Marshaller.withFixedContentType(
        ContentTypes.APPLICATION_JSON,
        value -> HttpEntities.create(ContentTypes.APPLICATION_JSON, write(value)));
  }

  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getName() + " as JSON", e);
    }
  }

  /** Reads a JSON object, or says in an {@link InvalidRequest} that it is not one. */
  public static ObjectNode readObject(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      if (node instanceof ObjectNode object) {
        return object;
      }
    } catch (JsonProcessingException e) {
      throw new InvalidRequest("malformed_json", "The frame is not valid JSON.");
    }
    throw notAnObject();
  }

  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /** Any value as a JSON tree, to be put in an object. */
  public static JsonNode tree(Object value) {
    return MAPPER.valueToTree(value);
  }

  /** Reads a JSON object of the given type, or says in an {@link InvalidRequest} what is wrong. */
  public static <T> T read(String text, Class<T> type) {
    T value;
    try {
      value = MAPPER.readValue(text, type);
    } catch (JsonProcessingException e) {
      throw invalid(e);
    }
    if (value == null) {
      throw notAnObject();
    }
    return value;
  }

  private static InvalidRequest invalid(JsonProcessingException problem) {
    if (problem instanceof ValueInstantiationException instantiation
        && instantiation.getCause() instanceof InvalidRequest invalid) {
      return invalid;
    }
    if (problem instanceof UnrecognizedPropertyException unknown) {
      return new InvalidRequest(
          "unknown_field", "Field '" + path(unknown) + "' is not part of this request.");
    }
    if (problem instanceof MismatchedInputException mismatch) {
      if (mismatch.getPath().isEmpty()) {
        return notAnObject();
      }
      return new InvalidRequest(
          "invalid_field", "Field '" + path(mismatch) + "' must be " + describe(mismatch) + ".");
    }
    return new InvalidRequest("malformed_json", "The request body is not valid JSON.");
  }

  private static InvalidRequest notAnObject() {
    return new InvalidRequest("malformed_json", "The request body must be a JSON object.");
  }

  private static String path(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference reference : e.getPath()) {
      if (reference.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(reference.getFieldName());
      } else {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(MismatchedInputException e) {
    Class<?> type = e.getTargetType();
    if (type == null) {
      return "of another type";
    }
    if (type == String.class) {
      return "a string";
    }
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    return "an object";
  }

  private static ObjectMapper strictMapper() {
    JsonMapper mapper =
        JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addModule(new InstantTextModule())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();
    refuse(
        mapper,
        LogicalType.Textual,
        CoercionInputShape.Integer,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean);
    refuse(
        mapper,
        LogicalType.Integer,
        CoercionInputShape.String,
        CoercionInputShape.EmptyString,
        CoercionInputShape.Float,
        CoercionInputShape.Boolean);
    refuse(
        mapper,
        LogicalType.Float,
        CoercionInputShape.String,
        CoercionInputShape.EmptyString,
        CoercionInputShape.Boolean);
    refuse(
        mapper,
        LogicalType.Boolean,
        CoercionInputShape.String,
        CoercionInputShape.EmptyString,
        CoercionInputShape.Integer,
        CoercionInputShape.Float);
    for (LogicalType structured :
        new LogicalType[] {
          LogicalType.Collection, LogicalType.Array, LogicalType.POJO, LogicalType.Map
        }) {
      refuse(
          mapper,
          structured,
          CoercionInputShape.String,
          CoercionInputShape.EmptyString,
          CoercionInputShape.Integer,
          CoercionInputShape.Float,
          CoercionInputShape.Boolean);
    }
    return mapper;
  }

  private static void refuse(
      ObjectMapper mapper, LogicalType target, CoercionInputShape... shapes) {
    for (CoercionInputShape shape : shapes) {
      mapper.coercionConfigFor(target).setCoercion(shape, CoercionAction.Fail);
    }
  }
}
