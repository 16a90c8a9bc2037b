package io.github.ralphresume.adapters.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ralphresume.adapters.fs.MkdirResumeLock.Timing;
import io.github.ralphresume.domain.port.LockLostException;
import io.github.ralphresume.domain.port.ResumeLock;
import io.github.ralphresume.testing.TypeScriptOriginal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The resume lock as the TypeScript original makes and honours it: {@code mkdir
 * <stateDir>/.lock.ralph-session-resume}, then its token in {@code owner}; a lock whose mtime is
 * more than 10 s old is taken over; a lock is removed on release only while its token is ours.
 */
class MkdirResumeLockTest {
  /** A token as the original writes it: {@code ${process.pid}.${Date.now()}.${random hex}}. */
  private static final String FOREIGN_TOKEN = "12345.1700000000000.abcdef";

  private static final Timing SHORT =
      new Timing(
          Duration.ofSeconds(10),
          Duration.ofMillis(300),
          Duration.ofMillis(25),
          Duration.ofSeconds(2));

  @TempDir Path root;
  Path stateDir;
  Path lockDir;
  Path ownerFile;

  @BeforeEach
  void stateDir() throws IOException {
    stateDir = Files.createDirectories(root.resolve("project").resolve(".omx").resolve("state"));
    lockDir = stateDir.resolve(".lock.ralph-session-resume");
    ownerFile = lockDir.resolve("owner");
  }

  private MkdirResumeLock lock(Timing timing) {
    return new MkdirResumeLock(stateDir, timing);
  }

  /** What the original's withRalphResumeLock leaves on disk while it holds the lock. */
  private void foreignLock(Duration age) throws IOException {
    Files.createDirectory(lockDir);
    Files.writeString(ownerFile, FOREIGN_TOKEN, StandardCharsets.UTF_8);
    Files.setLastModifiedTime(
        lockDir, FileTime.fromMillis(System.currentTimeMillis() - age.toMillis()));
  }

  @Test
  void givenFreshForeignLock_acquire_waitsForTheTimeoutThenGivesUpLeavingItUntouched()
      throws IOException {
    foreignLock(Duration.ZERO);
    FileTime before = Files.getLastModifiedTime(lockDir);

    long started = System.nanoTime();
    Optional<ResumeLock.Held> held = lock(SHORT).acquire();
    long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

    assertTrue(held.isEmpty(), "a live foreign lock must not be taken");
    assertTrue(
        waitedMillis >= 280, "gave up after " + waitedMillis + " ms, before the 300 ms timeout");
    assertTrue(waitedMillis < 5_000, "waited " + waitedMillis + " ms, far beyond the timeout");
    assertEquals(FOREIGN_TOKEN, Files.readString(ownerFile, StandardCharsets.UTF_8));
    assertEquals(before, Files.getLastModifiedTime(lockDir));
  }

  @ParameterizedTest(name = "lock {0} s old: taken over {1}")
  @CsvSource({"9, false", "11, true", "3600, true"})
  void givenForeignLockOfAge_acquire_takesItOverOnlyWhenOlderThanTenSeconds(
      long ageSeconds, boolean takenOver) throws IOException {
    foreignLock(Duration.ofSeconds(ageSeconds));

    Optional<ResumeLock.Held> held = lock(SHORT).acquire();

    assertEquals(takenOver, held.isPresent());
    String owner = Files.readString(ownerFile, StandardCharsets.UTF_8);
    if (takenOver) {
      assertNotEquals(FOREIGN_TOKEN, owner);
      held.get().ensureHeld();
      held.get().close();
      assertFalse(Files.exists(lockDir), "our own lock is removed on release");
    } else {
      assertEquals(FOREIGN_TOKEN, owner);
    }
  }

  @Test
  void givenAcquired_ownerFile_holdsATokenOfTheOriginalsShapeWithOurPid() throws IOException {
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    try {
      String token = Files.readString(ownerFile, StandardCharsets.UTF_8);

      assertTrue(token.matches("\\d+\\.\\d+\\.[0-9a-f]+"), token);
      assertTrue(token.startsWith(ProcessHandle.current().pid() + "."), token);
    } finally {
      held.close();
    }
  }

  @Test
  void givenReleased_acquireAgain_succeedsAtOnce() {
    MkdirResumeLock lock = lock(SHORT);
    lock.acquire().orElseThrow().close();

    long started = System.nanoTime();
    Optional<ResumeLock.Held> again = lock.acquire();

    assertTrue(again.isPresent());
    assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) < 250);
    again.get().close();
  }

  @Test
  void givenReleased_lockDir_isGoneWithItsOwnerAndNothingElseInTheStateDirIsTouched()
      throws IOException {
    Path neighbour = Files.writeString(stateDir.resolve("session.json"), "{}");
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();

    held.close();

    assertFalse(Files.exists(lockDir), "the released lock dir must be gone");
    try (var left = Files.list(stateDir)) {
      assertEquals(List.of(neighbour), left.toList());
    }
    assertEquals("{}", Files.readString(neighbour));
  }

  @Test
  void givenSomethingElsePutInTheHeldLockDir_close_removesItAllAsRmRfDoes() throws IOException {
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    Files.writeString(lockDir.resolve("stray"), "x");
    Files.createDirectories(lockDir.resolve("nested").resolve("deeper"));
    Files.writeString(lockDir.resolve("nested").resolve("deeper").resolve("file"), "y");

    held.close();

    assertFalse(Files.exists(lockDir), "release is rm -rf of the lock dir, whatever is in it");
    assertTrue(
        lock(SHORT)
            .acquire()
            .map(
                again -> {
                  again.close();
                  return true;
                })
            .orElse(false));
  }

  @Test
  void givenOwnerFileRemovedWhileHeld_close_leavesTheLockDirForStaleRecovery() throws IOException {
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    Files.delete(ownerFile);

    held.close();

    // Not provably ours any more: as the original, release removes nothing.
    assertTrue(Files.isDirectory(lockDir));
  }

  @Test
  void givenReleased_heartbeat_leavesNoBeatScheduled() {
    int before = Heartbeat.scheduled();
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    assertEquals(before + 1, Heartbeat.scheduled(), "a held lock beats");

    held.close();

    // A stopped beat is dropped at once, not kept queued until it would have come due.
    assertEquals(before, Heartbeat.scheduled());
  }

  @Test
  void givenOwnerOverwrittenWhileHeld_close_leavesTheOtherHoldersLock() throws IOException {
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    Files.writeString(ownerFile, FOREIGN_TOKEN, StandardCharsets.UTF_8);

    held.close();

    assertTrue(
        Files.isDirectory(lockDir), "a lock whose token is not ours must survive our release");
    assertEquals(FOREIGN_TOKEN, Files.readString(ownerFile, StandardCharsets.UTF_8));
  }

  @Test
  void givenLockTakenOverAsTheOriginalDoes_ensureHeld_throwsLockLost() throws IOException {
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    // The original's stale recovery: rm -rf the directory, mkdir it again, write its own token.
    MkdirResumeLock.deleteRecursively(lockDir);
    foreignLock(Duration.ZERO);

    LockLostException lost = assertThrows(LockLostException.class, held::ensureHeld);

    assertTrue(lost.getMessage().contains(FOREIGN_TOKEN), lost.getMessage());
    held.close();
    assertEquals(FOREIGN_TOKEN, Files.readString(ownerFile, StandardCharsets.UTF_8));
  }

  @Test
  void givenLockDirRemovedWhileHeld_ensureHeld_throwsLockLost() {
    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    MkdirResumeLock.deleteRecursively(lockDir);

    assertThrows(LockLostException.class, held::ensureHeld);
    held.close();
    assertFalse(Files.exists(lockDir));
  }

  @Test
  void givenHeldWithShortHeartbeat_heartbeat_keepsTheLockDirFreshSoNobodyTakesItOver()
      throws IOException, InterruptedException {
    Timing beating =
        new Timing(
            Duration.ofSeconds(10),
            Duration.ofMillis(300),
            Duration.ofMillis(25),
            Duration.ofMillis(50));
    try (ResumeLock.Held held = lock(beating).acquire().orElseThrow()) {
      // As if we had been paused for 11 s: without a heartbeat the lock now looks abandoned.
      long backdated = System.currentTimeMillis() - 11_000;
      Files.setLastModifiedTime(lockDir, FileTime.fromMillis(backdated));

      Thread.sleep(400);

      long refreshed = Files.getLastModifiedTime(lockDir).toMillis();
      assertTrue(
          refreshed > System.currentTimeMillis() - 2_000,
          "mtime still "
              + (System.currentTimeMillis() - refreshed)
              + " ms old after 400 ms of 50 ms heartbeats");
      assertTrue(
          lock(SHORT).acquire().isEmpty(), "a competitor took over a lock that was kept fresh");
      held.ensureHeld();
    }
    assertFalse(Files.exists(lockDir));
  }

  @Test
  void givenHeldPastItsLongestHold_theHeartbeatStopsAndNothingMayBeWritten() throws Exception {
    Timing brief =
        new Timing(
            Duration.ofSeconds(10),
            Duration.ofMillis(300),
            Duration.ofMillis(25),
            Duration.ofMillis(20),
            Duration.ofMillis(200));
    try (ResumeLock.Held held = lock(brief).acquire().orElseThrow()) {
      held.ensureHeld();
      Thread.sleep(400);
      FileTime last = Files.getLastModifiedTime(lockDir);
      Thread.sleep(200);

      assertEquals(last, Files.getLastModifiedTime(lockDir), "no longer kept fresh");
      LockLostException lost = assertThrows(LockLostException.class, held::ensureHeld);
      assertTrue(lost.getMessage().contains("held for more than"), lost.getMessage());
    }
    assertFalse(Files.exists(lockDir), "its holder still releases it when it finishes");
  }

  @Test
  void givenAcquired_lockDir_isOwnerOnly() throws IOException {
    assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"),
        "POSIX permissions only");

    ResumeLock.Held held = lock(SHORT).acquire().orElseThrow();
    try {
      // The umask cannot widen it: others may not read the token or plant files in the lock.
      assertEquals(
          "rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(lockDir)));
    } finally {
      held.close();
    }
  }

  // ---- against the real TypeScript original ----
  //
  // These run the reference (../shared/reference/ralph-resume-reference and the module its
  // setup.sh builds). CI runs `shared/reference/setup.sh` before the build, so there they always
  // run; locally they are skipped only while the reference has not been built. Override the
  // locations with RALPH_REFERENCE_BIN and RALPH_REFERENCE_MODULE.

  @Test
  void givenWeHoldTheLock_referenceReconcile_waitsAndReportsResumeLockTimeout()
      throws IOException, InterruptedException {
    TypeScriptOriginal reference = TypeScriptOriginal.locate();
    try (ResumeLock.Held held = lock(SHORT).acquire().orElseThrow()) {
      String ours = Files.readString(ownerFile, StandardCharsets.UTF_8);

      long started = System.nanoTime();
      String output = referenceReconcile(reference, stateDir);
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

      assertTrue(output.contains("\"reason\":\"resume_lock_timeout\""), output);
      assertTrue(
          tookMillis >= 5_000,
          "the original waits 5 s for the lock; it returned after " + tookMillis + " ms");
      assertEquals(
          ours,
          Files.readString(ownerFile, StandardCharsets.UTF_8),
          "the original touched our lock");
      held.ensureHeld();
    }
  }

  @Test
  void givenOurHeartbeatAfterAnElevenSecondPause_referenceReconcile_doesNotTakeTheLockOver()
      throws IOException, InterruptedException {
    TypeScriptOriginal reference = TypeScriptOriginal.locate();
    Timing beating =
        new Timing(
            Duration.ofSeconds(10),
            Duration.ofMillis(300),
            Duration.ofMillis(25),
            Duration.ofMillis(100));
    try (ResumeLock.Held held = lock(beating).acquire().orElseThrow()) {
      Files.setLastModifiedTime(lockDir, FileTime.fromMillis(System.currentTimeMillis() - 11_000));
      Thread.sleep(500);

      String output = referenceReconcile(reference, stateDir);

      assertTrue(
          output.contains("\"reason\":\"resume_lock_timeout\""),
          "the original took over a live lock: " + output);
      held.ensureHeld();
    }
  }

  @Test
  void givenWeReleasedTheLock_referenceReconcile_getsItAndLeavesNoLockBehind()
      throws IOException, InterruptedException {
    TypeScriptOriginal reference = TypeScriptOriginal.locate();
    lock(SHORT).acquire().orElseThrow().close();

    String output = referenceReconcile(reference, stateDir);

    // No session is set up, so the original stops right after taking the lock.
    assertTrue(output.contains("\"reason\":\"current_omx_session_missing\""), output);
    assertFalse(Files.exists(lockDir));
    assertTrue(lock(SHORT).acquire().isPresent());
  }

  /**
   * The original's {@code reconcile --state-dir DIR --json}, with no session in its environment.
   */
  private static String referenceReconcile(TypeScriptOriginal reference, Path stateDir)
      throws IOException, InterruptedException {
    TypeScriptOriginal.Result run =
        reference.reconcile(Map.of(), "--state-dir", stateDir.toString(), "--json");
    assertEquals(0, run.status(), () -> "the reference failed: " + run.out() + run.err());
    return run.out().trim();
  }

  @Test
  void look_tellsFreeTakenStaleChangingAndBlocked_withoutTouchingTheLock() throws Exception {
    MkdirResumeLock lock = lock(SHORT);
    assertEquals(new MkdirResumeLock.Sighting.Free(), lock.look());

    try (ResumeLock.Held held = lock.acquire().orElseThrow()) {
      held.ensureHeld();
      MkdirResumeLock.Sighting.Taken ours = (MkdirResumeLock.Sighting.Taken) lock.look();
      assertEquals(ProcessHandle.current().pid(), ours.holderPid().getAsLong());
      assertFalse(ours.stale());
    }
    assertEquals(new MkdirResumeLock.Sighting.Free(), lock.look());

    foreignLock(Duration.ofSeconds(60));
    MkdirResumeLock.Sighting.Taken dead = (MkdirResumeLock.Sighting.Taken) lock.look();
    assertEquals(12345, dead.holderPid().getAsLong());
    assertTrue(dead.stale());
    assertTrue(dead.sinceRefresh().toSeconds() >= 59, dead.toString());
    assertTrue(Files.exists(ownerFile), "looking takes nothing over");

    Files.delete(ownerFile);
    Files.setLastModifiedTime(lockDir, FileTime.fromMillis(System.currentTimeMillis()));
    assertEquals(new MkdirResumeLock.Sighting.Changing(), lock.look());

    Files.delete(lockDir);
    Files.writeString(lockDir, "not a directory");
    MkdirResumeLock.Sighting.Blocked blocked = (MkdirResumeLock.Sighting.Blocked) lock.look();
    assertEquals(lockDir + " is not a directory", blocked.why());
  }
}
