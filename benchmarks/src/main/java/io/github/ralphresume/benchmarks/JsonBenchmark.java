package io.github.ralphresume.benchmarks;

import io.github.ralphresume.adapters.fs.JavaScriptJson;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import java.time.Instant;
import java.util.Optional;
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

/** Reading and writing one ~1 KB Ralph document as the original does. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class JsonBenchmark {
  private byte[] bytes;
  private String text;
  private JsonValue parsed;

  @Setup
  public void setUp() {
    text = Documents.text(42, Instant.now());
    bytes = Documents.bytes(42, Instant.now());
    parsed = JavaScriptJson.parse(bytes).orElseThrow();
  }

  /** {@code JSON.parse} of the file's bytes (UTF-8 decoding included), as the store reads. */
  @Benchmark
  public Optional<JsonValue> parseBytes() {
    return JavaScriptJson.parse(bytes);
  }

  /** {@code JSON.parse} of text already decoded (the hook's payload). */
  @Benchmark
  public Optional<JsonValue> parseText() {
    return JavaScriptJson.parse(text);
  }

  /** {@code JSON.stringify(value, null, 2)}, as every document write. */
  @Benchmark
  public String pretty() {
    return JsonText.pretty(parsed);
  }

  /** {@code JSON.stringify(value)}, as the CLI's {@code --json} line. */
  @Benchmark
  public String compact() {
    return JsonText.compact(parsed);
  }
}
