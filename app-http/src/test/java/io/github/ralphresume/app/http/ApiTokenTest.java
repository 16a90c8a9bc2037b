package io.github.ralphresume.app.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenTest {
  @TempDir Path root;

  @Test
  void givenNoTokenFile_load_createsAnOwnerOnlyFileAndReusesItNextTime() throws IOException {
    Path file = root.resolve("ralph-resume-http.token");

    ApiToken first = ApiToken.load(Map.of(), file).token();
    String stored = Files.readString(file).strip();
    ApiToken.Loaded second = ApiToken.load(Map.of(), file);

    assertEquals(43, stored.length(), "32 random bytes, base64url");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertTrue(first.matches(stored));
    assertTrue(second.token().matches(stored));
    assertEquals("in " + file, second.whereabouts());
  }

  @Test
  void givenTokenInTheEnvironment_load_ignoresTheFile() {
    Path file = root.resolve("ralph-resume-http.token");

    ApiToken.Loaded loaded =
        ApiToken.load(Map.of(ApiToken.VARIABLE, " env-token-0123456789 "), file);

    assertTrue(loaded.token().matches("env-token-0123456789"));
    assertFalse(Files.exists(file));
  }

  @Test
  void givenShortTokenInTheEnvironment_load_refuses() {
    UsageException refusal =
        assertThrows(
            UsageException.class,
            () -> ApiToken.load(Map.of(ApiToken.VARIABLE, "short"), root.resolve("t")));

    assertTrue(refusal.getMessage().contains(ApiToken.VARIABLE));
    assertFalse(refusal.getMessage().contains("short"), "the token is not echoed");
  }

  @Test
  void givenTokenFileOpenToOthers_load_refusesAndSaysHowToFixIt() throws IOException {
    Path file = Files.writeString(root.resolve("t"), "file-token-0123456789\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    UsageException refusal =
        assertThrows(UsageException.class, () -> ApiToken.load(Map.of(), file));

    assertTrue(refusal.getMessage().contains("chmod 600"), refusal.getMessage());
  }

  @Test
  void givenTokenFileIsASymlink_load_refuses() throws IOException {
    Path target = Files.writeString(root.resolve("target"), "file-token-0123456789\n");
    Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
    Path link = Files.createSymbolicLink(root.resolve("t"), target);

    UsageException refusal =
        assertThrows(UsageException.class, () -> ApiToken.load(Map.of(), link));

    assertTrue(refusal.getMessage().contains("symbolic link"), refusal.getMessage());
  }

  @Test
  void givenTokenDirectoryIsASymlink_load_refusesAndWritesNothingThrough() throws IOException {
    Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
    Path linked = Files.createSymbolicLink(root.resolve(".omx"), elsewhere);

    UsageException refusal =
        assertThrows(
            UsageException.class,
            () -> ApiToken.load(Map.of(), linked.resolve(ApiToken.DEFAULT_FILE_NAME)));

    assertTrue(refusal.getMessage().contains("symbolic link"), refusal.getMessage());
    try (var written = Files.list(elsewhere)) {
      assertEquals(0, written.count(), "nothing created at the link's target");
    }
  }

  @Test
  void givenTokenFileInASymlinkedDirectory_load_refusesToReadIt() throws IOException {
    Path elsewhere = Files.createDirectory(root.resolve("elsewhere"));
    Path token = Files.writeString(elsewhere.resolve("t"), "file-token-0123456789\n");
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    Path linked = Files.createSymbolicLink(root.resolve("linked"), elsewhere);

    UsageException refusal =
        assertThrows(UsageException.class, () -> ApiToken.load(Map.of(), linked.resolve("t")));

    assertTrue(refusal.getMessage().contains("symbolic link"), refusal.getMessage());
  }

  @Test
  void givenDanglingSymlinkWhereTheTokenFileGoes_load_refusesAndCreatesNothingAtItsTarget()
      throws IOException {
    Path target = root.resolve("planted");
    Path link = Files.createSymbolicLink(root.resolve("t"), target);

    UsageException refusal =
        assertThrows(UsageException.class, () -> ApiToken.load(Map.of(), link));

    assertTrue(refusal.getMessage().contains("symbolic link"), refusal.getMessage());
    assertFalse(Files.exists(target, LinkOption.NOFOLLOW_LINKS), "not created through the link");
  }

  @Test
  void givenFifoWhereTheTokenFileIs_load_refusesWithoutWaitingForAWriter() throws Exception {
    Path fifo = root.resolve("t");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");

    UsageException refusal =
        assertTimeoutPreemptively(
            Duration.ofSeconds(10),
            () -> assertThrows(UsageException.class, () -> ApiToken.load(Map.of(), fifo)));

    assertTrue(refusal.getMessage().contains("not a regular file"), refusal.getMessage());
  }

  @Test
  void givenEmptyTokenFile_load_refuses() throws IOException {
    Path file = Files.writeString(root.resolve("t"), "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

    assertThrows(UsageException.class, () -> ApiToken.load(Map.of(), file));
  }

  @Test
  void givenToken_matches_onlyTheSameToken() {
    ApiToken token = ApiToken.of("abcdefghijklmnop");

    assertTrue(token.matches("abcdefghijklmnop"));
    assertFalse(token.matches("abcdefghijklmnoq"));
    assertFalse(token.matches("abcdefghijklmnopq"));
    assertFalse(token.matches("abc"));
    assertFalse(token.matches(""));
    assertFalse(token.matches(null));
    assertFalse(token.toString().contains("abcdefghijklmnop"));
  }
}
