package io.github.ralphresume.app.http;

import static io.github.ralphresume.app.http.ServiceFixture.TOKEN;
import static io.github.ralphresume.app.http.ServiceFixture.assertProblem;
import static io.github.ralphresume.testing.StateDirFixture.loopOwnedBy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AuthenticationTest {
  static final String PRIOR = loopOwnedBy("codex-1", Duration.ofMinutes(1));

  @TempDir Path root;
  ServiceFixture service;

  @BeforeEach
  void setUp() {
    service = new ServiceFixture(root).session("sess-current").write("sess-prior", PRIOR).start();
  }

  @AfterEach
  void tearDown() {
    service.close();
  }

  HttpResponse<String> reconcileWith(String authorization) {
    HttpRequest.Builder request =
        service
            .request("/v1/reconcile")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "{\"codexSessionId\":\"codex-1\",\"omxSessionId\":\"sess-current\"}"));
    if (authorization != null) request.header("Authorization", authorization);
    return service.send(request);
  }

  @Test
  void givenNoToken_reconcile_401WithChallengeAndNothingChanges() {
    HttpResponse<String> response = reconcileWith(null);

    assertProblem(response, 401, "unauthorized");
    assertEquals(
        "Bearer realm=\"ralph-resume\"",
        response.headers().firstValue("WWW-Authenticate").orElse(""));
    assertEquals(PRIOR, service.state.read("sess-prior"));
    assertFalse(Files.exists(service.state.document("sess-current")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "Bearer wrong-token-0123456789abcdef",
        "Bearer " + TOKEN + "x",
        "Bearer test-token",
        "Bearer ",
        "Basic " + TOKEN,
        TOKEN
      })
  void givenWrongToken_reconcile_401AndNothingChanges(String authorization) {
    HttpResponse<String> response = reconcileWith(authorization);

    assertProblem(response, 401, "unauthorized");
    assertEquals(PRIOR, service.state.read("sess-prior"));
    assertFalse(Files.exists(service.state.lockDir()), "the lock was never taken");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer " + TOKEN, "bearer " + TOKEN, "Bearer   " + TOKEN})
  void givenRightToken_reconcile_200(String authorization) {
    HttpResponse<String> response = reconcileWith(authorization);

    assertEquals(200, response.statusCode(), response.body());
  }

  @Test
  void givenNoToken_everyV1Path_401EvenWhenNotARoute() {
    for (String path :
        new String[] {
          "/v1/sessions", "/v1/sessions/sess-prior/ralph-state", "/v1/nothing-here", "/v1"
        }) {
      assertProblem(service.send(service.request(path).GET()), 401, "unauthorized");
    }
  }

  @Test
  void givenNoOrAWrongToken_explainAndSweep_401AndSweepChangesNothing() {
    String before = service.state.read("sess-prior");
    for (String authorization : new String[] {null, "Bearer wrong-token-0123456789abcdef"}) {
      HttpRequest.Builder explain = service.request("/v1/explain?codexSessionId=codex-1").GET();
      HttpRequest.Builder sweep =
          service
              .request("/v1/sweep")
              .POST(HttpRequest.BodyPublishers.ofString("{\"apply\": true}"));
      if (authorization != null) {
        explain.header("Authorization", authorization);
        sweep.header("Authorization", authorization);
      }
      assertProblem(service.send(explain), 401, "unauthorized");
      assertProblem(service.send(sweep), 401, "unauthorized");
    }
    assertEquals(before, service.state.read("sess-prior"));
  }

  @Test
  void givenNoToken_serviceRoutes_200() {
    for (String path : new String[] {"/healthz", "/metrics", "/openapi.json"}) {
      assertEquals(200, service.send(service.request(path).GET()).statusCode(), path);
    }
  }
}
