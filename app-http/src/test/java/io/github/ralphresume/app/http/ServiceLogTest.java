package io.github.ralphresume.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The service's log as an operator reads it: the real service in its own JVM, its stderr. */
@Timeout(60)
class ServiceLogTest {
  @TempDir Path root;

  @Test
  void givenMalformedChunkedBody_theLogHasOneLineAndNoStackTrace() throws Exception {
    Path stateDir = Files.createDirectories(root.resolve(".omx/state/sessions")).getParent();
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC",
            "-cp",
            System.getProperty("java.class.path"),
            HttpMain.class.getName(),
            "--state-dir",
            stateDir.toString(),
            "--port",
            "0",
            "--no-index");
    builder.environment().put(ApiToken.VARIABLE, ServiceFixture.TOKEN);
    builder.redirectError(root.resolve("stderr.log").toFile());
    Process service = builder.start();
    try {
      BufferedReader out =
          new BufferedReader(
              new InputStreamReader(service.getInputStream(), StandardCharsets.UTF_8));
      Matcher listening = Pattern.compile("listening on (http://\\S+)").matcher(out.readLine());
      assertTrue(listening.find(), "started");

      try (RawConnection connection = RawConnection.open(URI.create(listening.group(1)))) {
        connection.send(
            "POST /v1/reconcile HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                + ServiceFixture.TOKEN
                + "\r\nTransfer-Encoding: chunked\r\n\r\nZZZ\r\n{}\r\n0\r\n\r\n");
        assertEquals(400, connection.read().status());
      }
    } finally {
      service.destroy();
      assertTrue(service.waitFor(30, TimeUnit.SECONDS), "stopped on SIGTERM");
    }
    String log = Files.readString(root.resolve("stderr.log"));
    List<String> lines = log.lines().toList();

    List<String> about = lines.stream().filter(line -> line.contains("ZZZ")).toList();
    assertEquals(1, about.size(), log);
    assertTrue(about.get(0).contains("WARNING"), about.get(0));
    assertTrue(about.get(0).contains("malformed request"), about.get(0));
    assertFalse(log.contains("Exception"), log);
    assertFalse(log.contains("\tat "), log);
    assertEquals(List.of(about.get(0), "ralph-resume-http: stopped"), lines, "nothing else");
  }
}
