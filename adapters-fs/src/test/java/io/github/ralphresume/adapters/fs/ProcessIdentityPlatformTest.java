package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.OmxSessionId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process-identity port is chosen per platform, and says so where it cannot check. */
class ProcessIdentityPlatformTest {
  @TempDir Path root;
  Path stateDir;

  @BeforeEach
  void stateDir() throws IOException {
    stateDir = root.resolve(".omx").resolve("state");
    Files.createDirectories(stateDir.resolve("sessions").resolve("sess-file"));
  }

  @Test
  void givenLinuxWithProc_forPlatform_readsProc() {
    assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs /proc");

    ProcessIdentity linux = ProcessIdentity.forPlatform("Linux", Path.of("/proc"));

    assertInstanceOf(LinuxProcessIdentity.class, linux);
    assertEquals(Optional.empty(), linux.limitation());
  }

  @Test
  void givenOtherPlatformsOrNoProc_forPlatform_namesTheLimitation() {
    for (ProcessIdentity unchecked :
        new ProcessIdentity[] {
          ProcessIdentity.forPlatform("Mac OS X", Path.of("/proc")),
          ProcessIdentity.forPlatform("Windows 11", Path.of("/proc")),
          ProcessIdentity.forPlatform("Linux", root.resolve("no-proc")),
        }) {
      assertInstanceOf(UncheckedProcessIdentity.class, unchecked);
      assertTrue(unchecked.limitation().isPresent());
      assertEquals(Optional.empty(), unchecked.identity(ProcessHandle.current().pid()));
    }
  }

  @Test
  void givenALiveRecordedProcessOnAnUncheckedPlatform_locate_refusesSessionJsonAndSaysWhy()
      throws IOException {
    long pid = ProcessHandle.current().pid();
    writeSession("{\"session_id\":\"sess-file\",\"pid\":" + pid + "}");

    CurrentSession current = locateOn("Mac OS X");

    CurrentSession.None none = assertInstanceOf(CurrentSession.None.class, current);
    assertEquals(
        "no session variable is set; session.json is not usable: process "
            + pid
            + " is running,"
            + " but ralph-resume cannot tell on Mac OS X whether it is still the process that"
            + " wrote session.json (a process's start time and command line are read from Linux's"
            + " /proc only); name the session with OMX_SESSION_ID instead",
        none.why());
  }

  @Test
  void givenADeadRecordedProcessOnAnUncheckedPlatform_locate_saysItIsNotRunning() throws Exception {
    Process exited = new ProcessBuilder("true").start();
    assertTrue(exited.waitFor(10, TimeUnit.SECONDS));
    assumeTrue(ProcessHandle.of(exited.pid()).isEmpty(), "pid reused already");
    writeSession("{\"session_id\":\"sess-file\",\"pid\":" + exited.pid() + "}");

    CurrentSession.None none = assertInstanceOf(CurrentSession.None.class, locateOn("Mac OS X"));

    assertTrue(none.why().endsWith("process " + exited.pid() + " is not running"), none.why());
  }

  @Test
  void givenNoRecordedProcess_locate_usesSessionJsonOnEveryPlatform() throws IOException {
    writeSession("{\"session_id\":\"sess-file\"}");

    assertEquals(
        new CurrentSession.FromSessionFile(new OmxSessionId("sess-file")), locateOn("Mac OS X"));
  }

  @Test
  void givenEnvironmentNamesTheSession_locate_needsNoProcessCheck() throws IOException {
    writeSession("{\"session_id\":\"sess-file\",\"pid\":" + ProcessHandle.current().pid() + "}");

    assertEquals(
        new CurrentSession.FromEnvironment(new OmxSessionId("sess-file"), "OMX_SESSION_ID"),
        locator("Mac OS X").locate(Environment.injected(Map.of("OMX_SESSION_ID", "sess-file"))));
  }

  private CurrentSession locateOn(String osName) {
    return locator(osName).locate(Environment.injected(Map.of()));
  }

  private FileCurrentSessionLocator locator(String osName) {
    return new FileCurrentSessionLocator(
        new FileRalphStateStore(stateDir),
        ProcessIdentity.forPlatform(osName, Path.of("/proc")),
        root.toAbsolutePath());
  }

  private void writeSession(String json) throws IOException {
    Files.writeString(stateDir.resolve("session.json"), json, StandardCharsets.UTF_8);
  }
}
