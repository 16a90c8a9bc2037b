package io.github.ralphresume.benchmarks;

import io.github.ralphresume.domain.js.JsDateParser;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** {@code Date.parse} of the timestamps freshness reads: ISO as OMX writes them, and legacy. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsDateParserBenchmark {
  @Param({
    "2026-11-27T10:19:27.935Z",
    "2026-11-27 10:19:27",
    "Fri, 27 Nov 2026 10:19:27 GMT",
    "garbage"
  })
  public String text;

  private final ZoneId utc = ZoneOffset.UTC;

  @Benchmark
  public OptionalLong parse() {
    return JsDateParser.parse(text, utc);
  }
}
