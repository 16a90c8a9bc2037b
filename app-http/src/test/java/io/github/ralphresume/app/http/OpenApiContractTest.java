package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
            .write("sess-current", ServiceFixture.ralph(""))
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

  private static void collectReferences(JsonNode node, List<String> out) {
    if (node.has("$ref")) out.add(node.path("$ref").asText());
    node.forEach(child -> collectReferences(child, out));
  }
}
