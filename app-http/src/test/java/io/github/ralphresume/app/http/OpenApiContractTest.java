package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.ralphresume.testing.StateDirFixture;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OpenAPI document kept in the repository and the routes served agree, with methods. */
class OpenApiContractTest {
  static final Set<String> HTTP_METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  @TempDir Path root;
  ServiceFixture service;
  JsonNode document;

  @BeforeEach
  void setUp() throws IOException {
    service =
        new ServiceFixture(root)
            .currentBySessionFile("sess-current")
            .write("sess-current", StateDirFixture.ralph(""))
            .start();
    try (InputStream in = getClass().getResourceAsStream("/openapi.json")) {
      document = ServiceFixture.JSON.readTree(in);
    }
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  /** "METHOD template" → the operation, as documented. */
  Map<String, JsonNode> documentedOperations() {
    Map<String, JsonNode> operations = new TreeMap<>();
    for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
      for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
        if (HTTP_METHODS.contains(operation.getKey())) {
          operations.put(
              operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
              operation.getValue());
        }
      }
    }
    return operations;
  }

  Set<String> servedOperations() {
    return service.application.routes().stream()
        .map(route -> route.method() + " " + route.template())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void givenTheDocument_itsOperations_areExactlyTheServedRoutes() {
    assertTrue(document.path("openapi").asText().startsWith("3.1."), "OpenAPI 3.1");
    assertEquals(servedOperations(), documentedOperations().keySet());
  }

  @Test
  void givenTheDocument_theBearerTokenIsRequiredExactlyUnderV1() {
    assertEquals(
        "bearer",
        document.path("components").path("securitySchemes").path("bearer").path("scheme").asText());
    for (Route route : service.application.routes()) {
      JsonNode operation = documentedOperations().get(route.method() + " " + route.template());
      boolean documentedAsSecured =
          operation.path("security").toString().equals("[{\"bearer\":[]}]");
      assertEquals(route.needsToken(), documentedAsSecured, route.template());
      assertEquals(route.needsToken(), operation.path("responses").has("401"), route.template());
    }
  }

  /** The required query parameters with their documented examples, as a query string. */
  static String exampleQuery(JsonNode operation) {
    StringBuilder query = new StringBuilder();
    for (JsonNode parameter : operation.path("parameters")) {
      if (!parameter.path("in").asText().equals("query")
          || !parameter.path("required").asBoolean()) {
        continue;
      }
      assertTrue(parameter.has("example"), "a required parameter needs an example: " + parameter);
      query
          .append(query.length() == 0 ? '?' : '&')
          .append(URLEncoder.encode(parameter.path("name").asText(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(parameter.path("example").asText(), StandardCharsets.UTF_8));
    }
    return query.toString();
  }

  @Test
  void givenEveryDocumentedOperation_callingItWithItsExamples_answersADocumentedStatus() {
    for (Map.Entry<String, JsonNode> operation : documentedOperations().entrySet()) {
      String method = operation.getKey().split(" ")[0];
      String path =
          operation.getKey().split(" ")[1].replace("{id}", "sess-current")
              + exampleQuery(operation.getValue());
      JsonNode example =
          operation
              .getValue()
              .path("requestBody")
              .path("content")
              .path("application/json")
              .path("example");
      assertEquals(
          method.equals("POST"),
          !example.isMissingNode(),
          operation.getKey() + ": a body example exactly where a body is taken");
      String body = example.toString();
      HttpRequest.Builder request =
          service
              .authorized(path)
              .method(
                  method,
                  method.equals("POST")
                      ? HttpRequest.BodyPublishers.ofString(body)
                      : HttpRequest.BodyPublishers.noBody());

      HttpResponse<String> response = service.send(request);

      assertEquals(200, response.statusCode(), operation.getKey() + ": " + response.body());
      assertTrue(operation.getValue().path("responses").has("200"), operation.getKey());
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      JsonNode documented = operation.getValue().path("responses").path("200").path("content");
      assertTrue(documented.has(contentType), operation.getKey() + " answers " + contentType);
    }
  }

  @Test
  void givenEveryServedPath_anUndocumentedMethod_answers405() {
    Map<String, Set<String>> methodsByPath = new TreeMap<>();
    for (String operation : documentedOperations().keySet()) {
      String[] parts = operation.split(" ");
      methodsByPath.computeIfAbsent(parts[1], p -> new TreeSet<>()).add(parts[0]);
    }
    for (Map.Entry<String, Set<String>> path : methodsByPath.entrySet()) {
      for (String method : List.of("GET", "POST", "PUT", "DELETE", "PATCH")) {
        if (path.getValue().contains(method)) continue;
        String url = path.getKey().replace("{id}", "sess-current");
        HttpResponse<String> response =
            service.send(
                service.authorized(url).method(method, HttpRequest.BodyPublishers.noBody()));
        assertProblem(response, 405, "method-not-allowed");
        assertEquals(
            String.join(", ", path.getValue()),
            response.headers().firstValue("Allow").orElse(""),
            method + " " + url);
      }
    }
  }

  @Test
  void givenGetOpenApiJson_itServesTheDocumentInTheRepository() throws IOException {
    HttpResponse<byte[]> response;
    try {
      response =
          service.client.send(
              service.request("/openapi.json").GET().build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }

    assertEquals(200, response.statusCode());
    assertArrayEquals(
        Files.readAllBytes(Path.of("src/main/resources/openapi.json")), response.body());
  }

  @Test
  void givenTheDocument_everyReferenceResolves() {
    List<String> references = new java.util.ArrayList<>();
    collectReferences(document, references);
    assertTrue(references.size() > 10, "references found: " + references.size());
    for (String reference : references) {
      assertTrue(reference.startsWith("#/"), reference);
      JsonNode target = document.at(reference.substring(1));
      assertTrue(!target.isMissingNode(), "unresolved " + reference);
    }
  }

  /**
   * Every answer of a state dir with one session of each kind (current by session.json, a loop to
   * resume, a stale one, another conversation's, an unreadable document, an interrupted transfer)
   * holds exactly the members its documented schema names, of the documented types.
   */
  @Test
  void givenEveryKindOfSession_everyAnswer_matchesItsDocumentedSchema() throws IOException {
    ServiceFixture rich =
        new ServiceFixture(Files.createDirectories(root.resolve("rich")))
            .currentBySessionFile("sess-current")
            .write("sess-a", StateDirFixture.ralph("\"owner_codex_session_id\": \"codex-1\""))
            .write("sess-stale", StateDirFixture.loopOwnedBy("codex-1", Duration.ofDays(3)))
            .write("sess-other", StateDirFixture.loopOwnedBy("codex-2", Duration.ofMinutes(1)))
            .write("sess-broken", "{ \"active\": true");
    Files.writeString(
        rich.stateDir.resolve(".ralph-resume-transfer.json"),
        ExplainEndpointTest.preparedJournal());
    try (rich) {
      rich.start();
      String explain = "/v1/explain?codexSessionId=codex-1&tmuxPane=%257";
      assertMatches(rich.get("/v1/sessions"), "GET /v1/sessions");
      assertMatches(rich.get("/v1/sessions?omxSessionId=sess-other"), "GET /v1/sessions");
      JsonNode explained = assertMatches(rich.get(explain), "GET /v1/explain");
      assertMatches(rich.post("/v1/sweep", "{}"), "POST /v1/sweep");
      JsonNode reconciled =
          assertMatches(
              rich.reconcile("{\"codexSessionId\": \"codex-1\", \"tmuxPane\": \"%7\"}"),
              "POST /v1/reconcile");
      assertMatches(rich.post("/v1/sweep", "{\"apply\": true}"), "POST /v1/sweep");
      // A session.json whose process is gone: no current session, and a dead owner to sweep.
      Files.writeString(
          rich.stateDir.resolve("session.json"),
          "{\"session_id\": \"sess-current\", \"pid\": 2147483646}");
      assertMatches(rich.get("/v1/sessions"), "GET /v1/sessions");
      assertMatches(rich.get(explain), "GET /v1/explain");
      JsonNode swept =
          assertMatches(rich.post("/v1/sweep", "{\"deadOwners\": true}"), "POST /v1/sweep");
      assertMatches(rich.get("/healthz"), "GET /healthz");
      // The optional parts were there to be checked.
      assertTrue(explained.has("recovery") && explained.has("pane"), explained.toString());
      assertTrue(reconciled.has("recovery") && reconciled.has("sourcePath"), reconciled.toString());
      assertTrue(swept.has("deadSession"), swept.toString());
    }
  }

  private JsonNode assertMatches(HttpResponse<String> response, String operation) {
    assertEquals(200, response.statusCode(), operation + ": " + response.body());
    JsonNode schema =
        documentedOperations()
            .get(operation)
            .path("responses")
            .path("200")
            .path("content")
            .path("application/json")
            .path("schema");
    List<String> problems = new java.util.ArrayList<>();
    JsonNode answer = ServiceFixture.json(response.body());
    conform(schema, answer, "$", problems);
    assertEquals(List.of(), problems, operation + " answered " + response.body());
    return answer;
  }

  /**
   * The part of JSON Schema the document uses: $ref, oneOf, const, enum, type, pattern, required,
   * properties (an object's other members are refused: every documented object is closed), items.
   */
  private void conform(JsonNode schema, JsonNode value, String at, List<String> problems) {
    if (schema.has("$ref")) {
      conform(document.at(schema.path("$ref").asText().substring(1)), value, at, problems);
    }
    if (schema.has("oneOf")) {
      int matching = 0;
      for (JsonNode option : schema.path("oneOf")) {
        List<String> own = new java.util.ArrayList<>();
        conform(option, value, at, own);
        if (own.isEmpty()) matching++;
      }
      if (matching != 1) problems.add(at + " matches " + matching + " of oneOf");
    }
    if (schema.has("const") && !schema.path("const").equals(value)) {
      problems.add(at + " is " + value + ", not " + schema.path("const"));
    }
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode option : schema.path("enum")) listed |= option.equals(value);
      if (!listed) problems.add(at + " is " + value + ", not one of " + schema.path("enum"));
    }
    if (schema.has("type")) {
      List<String> types = new java.util.ArrayList<>();
      if (schema.path("type").isArray()) schema.path("type").forEach(t -> types.add(t.asText()));
      else types.add(schema.path("type").asText());
      if (!types.contains(typeOf(value))
          && !(types.contains("number") && typeOf(value).equals("integer"))) {
        problems.add(at + " is a " + typeOf(value) + ", not " + types);
      }
    }
    if (schema.has("pattern")
        && value.isTextual()
        && !value.asText().matches(schema.path("pattern").asText())) {
      problems.add(at + " " + value + " does not match " + schema.path("pattern"));
    }
    if (value.isObject() && schema.has("properties")) {
      for (JsonNode required : schema.path("required")) {
        if (!value.has(required.asText())) problems.add(at + " lacks " + required.asText());
      }
      for (Map.Entry<String, JsonNode> member : value.properties()) {
        JsonNode documented = schema.path("properties").path(member.getKey());
        if (documented.isMissingNode()) {
          problems.add(at + " has the undocumented member " + member.getKey());
        } else {
          conform(documented, member.getValue(), at + "." + member.getKey(), problems);
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      for (int i = 0; i < value.size(); i++) {
        conform(schema.path("items"), value.get(i), at + "[" + i + "]", problems);
      }
    }
  }

  private static String typeOf(JsonNode value) {
    if (value.isObject()) return "object";
    if (value.isArray()) return "array";
    if (value.isTextual()) return "string";
    if (value.isBoolean()) return "boolean";
    if (value.isNull()) return "null";
    return value.isIntegralNumber() ? "integer" : "number";
  }

  private static void collectReferences(JsonNode node, List<String> out) {
    if (node.has("$ref")) out.add(node.path("$ref").asText());
    node.forEach(child -> collectReferences(child, out));
  }
}
