package io.github.ralphresume.benchmarks;

import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.model.CandidateQuery;
import io.github.ralphresume.domain.model.CandidateVerdict;
import io.github.ralphresume.domain.model.RalphDocument;
import io.github.ralphresume.domain.model.StoredDocument;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ownership verdict on a parsed prior document, for an active document owned by another
 * conversation (the common "no match" outcome) and an inactive one; and, for comparison, the cost
 * of only searching the raw bytes for the payload's id (a possible pre-filter before parsing).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CandidateVerdictBenchmark {
  private static final CandidateQuery NO_MATCH = new CandidateQuery(Documents.NO_MATCH_SESSION, "");

  private StoredDocument activeOtherOwner;
  private StoredDocument inactive;
  private byte[] raw;
  private byte[] needle;

  @Setup
  public void setUp() {
    Instant now = Instant.now();
    activeOtherOwner = present(Documents.bytes(3, now));
    inactive = present(Documents.bytes(4, now));
    raw = Documents.bytes(3, now);
    needle = Documents.NO_MATCH_SESSION.getBytes(StandardCharsets.UTF_8);
  }

  private static StoredDocument present(byte[] bytes) {
    return new StoredDocument.Present(new RalphDocument(JavaScriptJson.parse(bytes).orElseThrow()));
  }

  @Benchmark
  public CandidateVerdict activeOwnedByAnotherSession() {
    return CandidateVerdict.ownership(activeOtherOwner, NO_MATCH);
  }

  @Benchmark
  public CandidateVerdict inactive() {
    return CandidateVerdict.ownership(inactive, NO_MATCH);
  }

  /** A naive search of the document's bytes for the payload's session id. */
  @Benchmark
  public boolean rawBytesMention() {
    outer:
    for (int i = 0; i <= raw.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (raw[i + j] != needle[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
