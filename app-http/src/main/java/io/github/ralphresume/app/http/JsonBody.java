package io.github.ralphresume.app.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.PaneId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A request body parsed at the edge: a JSON object with only the members a route knows, read member
 * by member; every refusal is a 400 problem. Also the checks of the values that requests share (a
 * tmux pane, an OMX session id), whether they come in a body or a query.
 */
final class JsonBody {
  private final JsonNode body;

  private JsonBody(JsonNode body) {
    this.body = body;
  }

  /**
   * The body as a JSON object with only {@code members}.
   *
   * @param example an object to show in the refusal when the body is not an object
   */
  static JsonBody parse(ObjectMapper mapper, byte[] bytes, List<String> members, String example) {
    JsonNode body;
    try {
      body = mapper.readTree(bytes);
    } catch (JacksonException malformed) {
      throw new ProblemException(
          Problem.malformedJson("the body is not valid JSON: " + malformed.getOriginalMessage()));
    } catch (IOException unreadable) {
      throw new ProblemException(
          Problem.malformedJson("the body could not be read as JSON: " + unreadable.getMessage()));
    }
    if (body == null || body.isMissingNode()) {
      throw new ProblemException(
          Problem.malformedJson("the body is empty; expected a JSON object such as " + example));
    }
    if (!body.isObject()) throw invalid("the body must be a JSON object such as " + example);
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!members.contains(name)) {
        throw invalid("unknown member " + Problem.quote(name) + "; expected " + members);
      }
    }
    return new JsonBody(body);
  }

  /** A string member; {@code null} counts as absent, any other non-string is refused. */
  Optional<String> text(String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) return Optional.empty();
    if (!value.isTextual()) throw invalid(name + " must be a string, not " + describe(value));
    return Optional.of(value.textValue());
  }

  /** A boolean member; {@code null} counts as absent, any other non-boolean is refused. */
  Optional<Boolean> bool(String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) return Optional.empty();
    if (!value.isBoolean()) throw invalid(name + " must be true or false, not " + describe(value));
    return Optional.of(value.booleanValue());
  }

  /** An array of strings; {@code null} counts as absent. */
  Optional<List<String>> texts(String name) {
    JsonNode value = body.get(name);
    if (value == null || value.isNull()) return Optional.empty();
    if (!value.isArray()) {
      throw invalid(name + " must be an array of strings, not " + describe(value));
    }
    List<String> texts = new ArrayList<>();
    for (JsonNode element : value) {
      if (!element.isTextual()) {
        throw invalid(name + " must hold strings only, not " + describe(element));
      }
      texts.add(element.textValue());
    }
    return Optional.of(texts);
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

  private static String describe(JsonNode value) {
    return switch (value.getNodeType()) {
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case STRING -> "a string";
      case ARRAY -> "an array";
      case OBJECT -> "an object";
      default -> value.getNodeType().name().toLowerCase(Locale.ROOT);
    };
  }

  static ProblemException invalid(String detail) {
    return new ProblemException(Problem.invalidRequest(detail));
  }
}
