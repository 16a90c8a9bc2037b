package io.github.ralphresume.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request body parsed at the edge: a JSON object with only the members a route knows, read member
 * by member; every refusal is a 400 problem. Also the checks of the values that requests share (a
 * tmux pane, an OMX session id), whether they come in a body or a query.
 *
 * <p>Bodies are read strictly, into the same JSON values the service answers with: a repeated
 * member or anything after the value is malformed, not silently resolved.
 */
final class JsonBody {
  private static final JsonFactory FACTORY =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final JsonObject body;

  private JsonBody(JsonObject body) {
    this.body = body;
  }

  /**
   * The body as a JSON object with only {@code members}.
   *
   * @param example an object to show in the refusal when the body is not an object
   */
  static JsonBody parse(byte[] bytes, List<String> members, String example) {
    JsonValue body;
    try (JsonParser parser = FACTORY.createParser(bytes)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        throw new ProblemException(
            Problem.malformedJson("the body is empty; expected a JSON object such as " + example));
      }
      body = value(parser, first);
      if (parser.nextToken() != null) {
        throw new ProblemException(
            Problem.malformedJson("the body is not valid JSON: more content after the value"));
      }
    } catch (JacksonException malformed) {
      throw new ProblemException(
          Problem.malformedJson("the body is not valid JSON: " + malformed.getOriginalMessage()));
    } catch (IOException unreadable) {
      throw new ProblemException(
          Problem.malformedJson("the body could not be read as JSON: " + unreadable.getMessage()));
    }
    if (!(body instanceof JsonObject object)) {
      throw invalid("the body must be a JSON object such as " + example);
    }
    for (String name : object.members().keySet()) {
      if (!members.contains(name)) {
        throw invalid("unknown member " + Problem.quote(name) + "; expected " + members);
      }
    }
    return new JsonBody(object);
  }

  /** The value that starts with {@code token}; the body is at most 64 KiB, so recursion is. */
  private static JsonValue value(JsonParser parser, JsonToken token) throws IOException {
    switch (token) {
      case START_OBJECT -> {
        Map<String, JsonValue> members = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          members.put(name, value(parser, parser.nextToken()));
        }
        return new JsonObject(members);
      }
      case START_ARRAY -> {
        List<JsonValue> elements = new ArrayList<>();
        for (JsonToken next = parser.nextToken();
            next != JsonToken.END_ARRAY;
            next = parser.nextToken()) {
          elements.add(value(parser, next));
        }
        return new JsonArray(elements);
      }
      case VALUE_STRING -> {
        return JsonValue.of(parser.getText());
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return JsonValue.of(parser.getDoubleValue());
      }
      case VALUE_TRUE -> {
        return JsonValue.TRUE;
      }
      case VALUE_FALSE -> {
        return JsonValue.FALSE;
      }
      default -> {
        return JsonValue.NULL;
      }
    }
  }

  /** A string member; {@code null} counts as absent, any other non-string is refused. */
  Optional<String> text(String name) {
    Optional<JsonValue> value = present(name);
    if (value.isEmpty()) return Optional.empty();
    if (!(value.get() instanceof JsonValue.Str text)) {
      throw invalid(name + " must be a string, not " + describe(value.get()));
    }
    return Optional.of(text.value());
  }

  /** A boolean member; {@code null} counts as absent, any other non-boolean is refused. */
  Optional<Boolean> bool(String name) {
    Optional<JsonValue> value = present(name);
    if (value.isEmpty()) return Optional.empty();
    if (!(value.get() instanceof JsonValue.Bool bool)) {
      throw invalid(name + " must be true or false, not " + describe(value.get()));
    }
    return Optional.of(bool.value());
  }

  /** An array of strings; {@code null} counts as absent. */
  Optional<List<String>> texts(String name) {
    Optional<JsonValue> value = present(name);
    if (value.isEmpty()) return Optional.empty();
    if (!(value.get() instanceof JsonArray array)) {
      throw invalid(name + " must be an array of strings, not " + describe(value.get()));
    }
    List<String> texts = new ArrayList<>();
    for (JsonValue element : array.elements()) {
      if (!(element instanceof JsonValue.Str text)) {
        throw invalid(name + " must hold strings only, not " + describe(element));
      }
      texts.add(text.value());
    }
    return Optional.of(texts);
  }

  private Optional<JsonValue> present(String name) {
    return body.get(name).filter(value -> !(value instanceof JsonValue.Null));
  }

  /** A {@code tmuxPane} value: {@code %} and digits. */
  static PaneId pane(String name, String value) {
    return PaneId.parse(value)
        .orElseThrow(
            () ->
                invalid(
                    name
                        + " "
                        + Problem.quote(value)
                        + " is not a tmux pane id: expected % followed by digits, e.g. %42"));
  }

  /** An OMX session id: 1-64 of {@code A-Z a-z 0-9 _ -}. */
  static OmxSessionId omxSession(String name, String value) {
    return OmxSessionId.parse(value)
        .orElseThrow(
            () ->
                invalid(
                    name
                        + " "
                        + Problem.quote(value)
                        + " is not an OMX session id: expected 1-64 of A-Z a-z 0-9 _ -"));
  }

  private static String describe(JsonValue value) {
    if (value instanceof JsonValue.Num) return "a number";
    if (value instanceof JsonValue.Bool) return "a boolean";
    if (value instanceof JsonValue.Str) return "a string";
    if (value instanceof JsonArray) return "an array";
    if (value instanceof JsonObject) return "an object";
    return "null";
  }

  static ProblemException invalid(String detail) {
    return new ProblemException(Problem.invalidRequest(detail));
  }
}
