package io.github.ralphresume.adapters.fs;

import static io.github.ralphresume.testing.StateDirFixture.deleteRecursively;
import static io.github.ralphresume.testing.StateDirFixture.ralph;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.OmxSessionId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The warm index's watcher against a cold scan: after every change, made with no pause before the
 * question, it names every session a cold scan finds owned by the payload, and nothing else it is
 * sure of.
 */
class SessionWatcherTest {
  /** Payloads as they come: untrimmed, thread-only, numeric owners, no match. */
  static final List<String[]> PAYLOADS =
      List.of(
          new String[] {"codex-1", ""},
          new String[] {"codex-2", "t-1"},
          new String[] {"", "t-1"},
          new String[] {" codex-1 ", ""},
          new String[] {"42", ""},
          new String[] {"codex-9", "t-2"});

  static final CandidateQuery CODEX_1 = new CandidateQuery("codex-1", "");

  @TempDir Path root;
  Path stateDir;
  Path sessions;
  FileRalphStateStore store;
  SessionWatcher index;
  List<Integer> rebuilds;

  @BeforeEach
  void setUp() throws Exception {
    assumeTrue(SessionWatcher.supported(), "the warm index needs Linux");
    stateDir = Files.createDirectories(root.resolve(".omx").resolve("state"));
    sessions = Files.createDirectories(stateDir.resolve("sessions"));
    store = new FileRalphStateStore(stateDir);
    for (int i = 0; i < 12; i++) write("s" + i, document(new Random(i)));
    rebuilds = new java.util.concurrent.CopyOnWriteArrayList<>();
    // A long barrier timeout: a busy machine must not turn a late answer into a failed test.
    index = new SessionWatcher(store, (nanos, size) -> rebuilds.add(size), Duration.ofMinutes(1));
    index.start();
    assertTrue(index.awaitReady(Duration.ofSeconds(10)), "built");
  }

  @AfterEach
  void tearDown() {
    if (index != null) index.close();
  }

  // ---- documents ----

  static String document(Random random) {
    String time = "\"updated_at\": \"" + Instant.now().minusSeconds(random.nextInt(100_000)) + "\"";
    return switch (random.nextInt(12)) {
      case 0, 1, 2 -> ralph("\"owner_codex_session_id\": \"codex-1\", " + time);
      case 3 -> ralph("\"owner_codex_session_id\": \" codex-2 \", " + time);
      case 4 -> ralph("\"owner_codex_thread_id\": \"t-1\", " + time);
      case 5 -> ralph("\"owner_codex_session_id\": 42");
      case 6 ->
          ralph("\"owner_codex_session_id\": \"codex-1\", " + "\"owner_codex_thread_id\": \"t-1\"")
              .replace("executing", "COMPLETE");
      case 7 ->
          ralph("\"owner_codex_session_id\": \"codex-1\"")
              .replace("\"active\": true", "\"active\": \"true\"");
      case 8 -> "{\"active\": true, \"current_phase\": \"exec";
      case 9 -> random.nextBoolean() ? "null" : "[1, 2]";
      case 10 -> ralph("");
      default ->
          ralph(
              "\"owner_codex_session_id\": \"codex-2\", "
                  + "\"owner_codex_thread_id\": \"t-1\", "
                  + time);
    };
  }

  void write(String session, String text) {
    try {
      Files.createDirectories(sessions.resolve(session));
      // In place, as OMX and the original write: truncate, then write.
      Files.writeString(
          sessions.resolve(session).resolve("ralph-state.json"),
          text,
          StandardOpenOption.CREATE,
          StandardOpenOption.TRUNCATE_EXISTING,
          StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- the check ----

  /** The sessions a cold scan finds owned by the payload, exactly as the reconcile judges. */
  Set<OmxSessionId> coldOwners(String payloadSession, String payloadThread) {
    try (Stream<OmxSessionId> listed = store.sessions()) {
      return listed
          .filter(
              id ->
                  CandidateVerdict.ownership(
                          store.read(id), new CandidateQuery(payloadSession, payloadThread))
                      .owned())
          .collect(Collectors.toSet());
    }
  }

  /** Asks at once, with no pause after the change; a cold fallback is allowed only if said. */
  void assertAgreesWithColdScan(String step, boolean mayFallBack) throws Exception {
    for (String[] payload : PAYLOADS) {
      CandidateQuery query = new CandidateQuery(payload[0], payload[1]);
      Optional<List<OmxSessionId>> answer = index.possibleOwners(query);
      if (answer.isEmpty()) {
        // Allowed only where the index has reason to doubt itself; it rebuilds, then answers.
        assertTrue(mayFallBack, step + ": the index did not answer (" + index.state() + ")");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (answer.isEmpty() && System.nanoTime() < deadline) {
          Thread.sleep(10);
          answer = index.possibleOwners(query);
        }
        assertTrue(answer.isPresent(), step + ": answers again after the rebuild");
      }
      Set<OmxSessionId> cold = coldOwners(payload[0], payload[1]);
      Set<OmxSessionId> named = new HashSet<>(answer.get());
      assertTrue(
          named.containsAll(cold),
          step + ": every owned session is named; cold " + cold + ", index " + named);
      Set<OmxSessionId> sure =
          named.stream()
              .filter(id -> !index.entry(id).map(OwnerTable.Entry::unsure).orElse(false))
              .collect(Collectors.toSet());
      Set<OmxSessionId> coldAndSure = new HashSet<>(cold);
      coldAndSure.removeIf(id -> !sure.contains(id) && named.contains(id));
      assertEquals(
          coldAndSure,
          sure,
          step + ": nothing is named that is not owned, unless the index is unsure of it");
    }
  }

  // ---- the tests ----

  @Test
  void givenRandomChangesWithNoPause_theIndex_alwaysAgreesWithAColdScan() throws Exception {
    randomChangesEachCheckedAtOnce();
  }

  @Test
  void givenAnOverflowSeenByAnAsker_itFallsBack_andTheWatcherRebuilds() throws Exception {
    assertTrue(index.possibleOwners(CODEX_1).isPresent(), "answers");

    // 700 new session dirs at once overflow the sessions dir's key: the asker that finds the
    // overflow answers nothing and asks for a cold scan.
    for (int i = 0; i < 700; i++) {
      write(
          "many-" + i,
          i == 699 ? ralph("\"owner_codex_session_id\": \"codex-1\"") : "{\"active\": false}");
    }
    assertAgreesWithColdScan("700 sessions", true);

    assertTrue(rebuilds.size() >= 2, "rebuilt after the overflow: " + rebuilds);
    assertEquals(existingSessions().size(), index.size(), "every session indexed");
  }

  @Test
  void givenAnInterruptedAsker_itGetsNoAnswer_andTheIndexStaysReady() throws Exception {
    write("s1", ralph("\"owner_codex_session_id\": \"codex-1\""));
    List<Object> seen = new ArrayList<>();
    Thread asker =
        new Thread(
            () -> {
              Thread.currentThread().interrupt();
              seen.add(index.possibleOwners(CODEX_1));
              seen.add(Thread.currentThread().isInterrupted());
            });

    asker.start();
    asker.join();

    assertEquals(List.of(Optional.empty(), true), seen, "no answer; still interrupted");
    assertEquals(SessionWatcher.State.READY, index.state());
    assertAgreesWithColdScan("after the interrupted asker", false);
  }

  @Test
  void givenAskersAtOnceAfterEachChange_everyAnswer_agreesWithAColdScan() throws Exception {
    Random random = new Random(7);
    for (int round = 0; round < 40; round++) {
      String some = "s" + random.nextInt(14);
      if (random.nextInt(4) == 0) {
        deleteRecursively(sessions.resolve(some));
      } else {
        write(some, document(random));
      }
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<Optional<List<OmxSessionId>>> answers =
          java.util.Collections.synchronizedList(new ArrayList<>());
      List<Thread> askers = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        Thread asker =
            new Thread(
                () -> {
                  try {
                    go.await();
                    answers.add(index.possibleOwners(CODEX_1));
                  } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                  }
                });
        asker.start();
        askers.add(asker);
      }
      go.countDown();
      for (Thread asker : askers) asker.join();

      Set<OmxSessionId> cold = coldOwners("codex-1", "");
      assertEquals(4, answers.size(), "round " + round);
      for (Optional<List<OmxSessionId>> answer : answers) {
        assertTrue(answer.isPresent(), "round " + round + ": answered");
        Set<OmxSessionId> named = new HashSet<>(answer.get());
        assertTrue(named.containsAll(cold), "round " + round + ": cold " + cold + ", " + named);
        named.removeAll(cold);
        named.removeIf(id -> index.entry(id).map(OwnerTable.Entry::unsure).orElse(false));
        assertEquals(Set.of(), named, "round " + round + ": nothing else it is sure of");
      }
    }
  }

  @Test
  void givenTheWatcherClosed_itsThreadStops_andItAnswersNothing() throws Exception {
    write("s1", ralph("\"owner_codex_session_id\": \"codex-1\""));
    assertAgreesWithColdScan("an asker drains", false);

    index.close();

    assertEquals(SessionWatcher.State.OFF, index.state());
    assertTrue(!index.workerAlive(), "the thread stopped");
    assertTrue(index.possibleOwners(CODEX_1).isEmpty());
  }

  void randomChangesEachCheckedAtOnce() throws Exception {
    Random random = new Random(20260222);
    Path outside = Files.createDirectories(root.resolve("outside"));
    int renamed = 0;
    for (int step = 0; step < 400; step++) {
      List<String> existing = existingSessions();
      String some = existing.isEmpty() ? "s0" : existing.get(random.nextInt(existing.size()));
      String fresh = "n" + step;
      Path document = sessions.resolve(some).resolve("ralph-state.json");
      String what;
      switch (random.nextInt(11)) {
        case 0, 1, 2 -> {
          what = "write in place " + some;
          write(some, document(random));
        }
        case 3 -> {
          what = "replace atomically " + some;
          Files.createDirectories(document.getParent());
          Path temp = document.resolveSibling("ralph-state.json.tmp-1-2-ab");
          Files.writeString(temp, document(random));
          Files.move(
              temp, document, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        case 4 -> {
          what = "delete the document of " + some;
          Files.deleteIfExists(document);
        }
        case 5 -> {
          what = "delete the session " + some;
          deleteRecursively(sessions.resolve(some));
        }
        case 6 -> {
          what = "new session " + fresh;
          Files.createDirectories(sessions.resolve(fresh));
          if (random.nextBoolean()) write(fresh, document(random));
        }
        case 7 -> {
          what = "rename " + some + " to " + fresh;
          if (Files.isDirectory(sessions.resolve(some))) {
            Files.move(sessions.resolve(some), sessions.resolve(fresh));
            renamed++;
          }
        }
        case 8 -> {
          what = "a symbolic link as the document of " + some;
          Path target =
              Files.writeString(
                  outside.resolve("link-" + step),
                  ralph("\"owner_codex_session_id\": \"codex-1\""));
          Files.createDirectories(document.getParent());
          Files.deleteIfExists(document);
          Files.createSymbolicLink(document, target);
        }
        case 9 -> {
          what = "a hard link as the document of " + some + ", then written from outside";
          Path target = Files.writeString(outside.resolve("hard-" + step), "{}");
          Files.createDirectories(document.getParent());
          Files.deleteIfExists(document);
          Files.createLink(document, target);
          assertAgreesWithColdScan(step + " " + what + " (before)", false);
          Files.writeString(target, ralph("\"owner_codex_session_id\": \"codex-1\""));
        }
        default -> {
          what = "touch " + some;
          if (Files.exists(document)) {
            Files.setLastModifiedTime(document, FileTime.from(Instant.now()));
          }
        }
      }
      assertAgreesWithColdScan(step + " " + what, false);
    }
    assertTrue(renamed > 10, "renames happened: " + renamed);
    assertEquals(existingSessions().size(), index.size(), "every session indexed");
  }

  @Test
  void givenTheSessionsDirReplacedWholesale_theIndex_rebuildsAndAgrees() throws Exception {
    Files.move(sessions, stateDir.resolve("sessions-old"));
    Files.createDirectories(sessions);
    write("x1", ralph("\"owner_codex_session_id\": \"codex-1\""));
    assertAgreesWithColdScan("sessions replaced", true);

    write("x2", ralph("\"owner_codex_session_id\": \"codex-1\""));
    assertAgreesWithColdScan("then written", false);

    deleteRecursively(sessions);
    assertAgreesWithColdScan("sessions removed", true);
    Files.createDirectories(sessions);
    write("x3", ralph("\"owner_codex_thread_id\": \"t-1\""));
    assertAgreesWithColdScan("sessions made again", true);
  }

  @Test
  void givenTheStateDirMovedAwayAndMadeAgain_theIndex_fallsBackThenRebuilds() throws Exception {
    Files.move(stateDir, root.resolve("moved-state"));
    Files.createDirectories(sessions);
    write("y1", ralph("\"owner_codex_session_id\": \"codex-1\""));

    Optional<List<OmxSessionId>> first = index.possibleOwners(CODEX_1);

    assertTrue(first.isEmpty(), "the index describes the old dir: it must not answer");
    assertTrue(eventually(() -> index.possibleOwners(CODEX_1).isPresent()), "rebuilt");
    assertEquals(Optional.of(List.of(new OmxSessionId("y1"))), index.possibleOwners(CODEX_1));
  }

  @Test
  void givenTheSessionsDirALinkThenARealDirAgain_theIndex_fallsBackUntilItIsUsable()
      throws Exception {
    Path real = Files.move(sessions, root.resolve("elsewhere"));
    Files.createSymbolicLink(sessions, real);

    assertTrue(index.possibleOwners(CODEX_1).isEmpty(), "the sessions dir was replaced");
    assertTrue(
        eventually(() -> index.state() == SessionWatcher.State.UNUSABLE),
        "a linked sessions dir is not indexed");
    assertTrue(index.possibleOwners(CODEX_1).isEmpty());

    Files.delete(sessions);
    Files.createDirectories(sessions);
    write("z1", ralph("\"owner_codex_session_id\": \"codex-1\""));
    assertTrue(
        eventually(() -> index.possibleOwners(CODEX_1).isPresent()),
        "answers again once the sessions dir is a directory");
    assertAgreesWithColdScan("a real sessions dir again", false);
  }

  @Test
  void givenTheSessionsDirsModeChanged_theIndex_rebuildsAndAgrees() throws Exception {
    Files.setPosixFilePermissions(sessions, PosixFilePermissions.fromString("rwx------"));
    write("m1", ralph("\"owner_codex_session_id\": \"codex-1\""));

    assertAgreesWithColdScan("mode changed", true);
  }

  /** Polls {@code condition} for up to 10 s. */
  static boolean eventually(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      if (condition.getAsBoolean()) return true;
      Thread.sleep(10);
    }
    return false;
  }

  @Test
  void givenMoreEventsThanAWatchKeyHolds_theIndex_rebuildsOrRereadsAndAgrees() throws Exception {
    // 700 new session dirs at once overflow the sessions dir's key (512 events): a rebuild.
    for (int i = 0; i < 700; i++) {
      write(
          "many-" + i,
          i == 699 ? ralph("\"owner_codex_session_id\": \"codex-1\"") : "{\"active\": false}");
    }
    assertAgreesWithColdScan("700 sessions", true);
    // 700 temp files in one session dir overflow its key: the session is read again.
    Path dir = sessions.resolve("many-3");
    for (int i = 0; i < 700; i++) Files.writeString(dir.resolve("junk-" + i), "x");
    write("many-3", ralph("\"owner_codex_thread_id\": \"t-1\""));
    assertAgreesWithColdScan("700 files in one session", true);
  }

  @Test
  void givenTheIndexClosed_itAnswersNothing() {
    index.close();

    assertEquals(SessionWatcher.State.OFF, index.state());
    assertTrue(index.possibleOwners(CODEX_1).isEmpty());
  }

  List<String> existingSessions() {
    try (Stream<Path> listed = Files.list(sessions)) {
      List<String> names = new ArrayList<>();
      for (Path path : listed.sorted(Comparator.naturalOrder()).toList()) {
        if (Files.isDirectory(path)) names.add(path.getFileName().toString());
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
