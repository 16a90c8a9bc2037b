package io.github.ralphresume.benchmarks;

import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.OmxSessionId;
import io.github.ralphresume.domain.model.SessionDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scan of a "no match" reconcile, warm: the store's candidates for a payload that owns no loop
 * (every document read, none can be owned), judged as the reconcile judges them; and, for
 * comparison, reading and judging every document as {@code explain} does. (The whole-process cost,
 * start-up included, is what {@code bench/run.sh} measures.)
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StoreScanBenchmark {
  @Param({"1000", "10000"})
  public int sessions;

  private static final CandidateQuery NO_MATCH = new CandidateQuery(Documents.NO_MATCH_SESSION, "");

  private Path root;
  private FileRalphStateStore store;
  private OmxSessionId current;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    root = Files.createTempDirectory("ralph-bench-");
    store = new FileRalphStateStore(Documents.stateDir(root, sessions, Instant.now()));
    current = new OmxSessionId("omx-current");
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    Documents.delete(root);
  }

  /** How many documents the payload owns (none), asked as a reconcile asks. */
  @Benchmark
  public int scanNoMatch() {
    int owned = 0;
    try (Stream<SessionDocument> priors = store.candidates(current, NO_MATCH)) {
      for (Iterator<SessionDocument> it = priors.iterator(); it.hasNext(); ) {
        if (CandidateVerdict.ownership(it.next().stored(), NO_MATCH).owned()) owned++;
      }
    }
    return owned;
  }

  /** The same, every document read, parsed and judged (what {@code explain} does). */
  @Benchmark
  public int readAndJudgeEvery() {
    int owned = 0;
    try (Stream<OmxSessionId> all = store.sessions()) {
      for (Iterator<OmxSessionId> it = all.iterator(); it.hasNext(); ) {
        OmxSessionId session = it.next();
        if (session.equals(current)) continue;
        if (CandidateVerdict.ownership(store.read(session), NO_MATCH).owned()) owned++;
      }
    }
    return owned;
  }

  /** Only listing the session dirs (the part of the scan no parser can speed up). */
  @Benchmark
  public long listOnly() {
    try (Stream<OmxSessionId> all = store.sessions()) {
      return all.count();
    }
  }
}
