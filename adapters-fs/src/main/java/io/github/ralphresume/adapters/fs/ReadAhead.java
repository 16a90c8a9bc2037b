package io.github.ralphresume.adapters.fs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Maps a stream in batches, each batch in parallel, keeping the source's order: a scan of thousands
 * of documents spends its time in system calls and parsing, which two cores do twice as fast, while
 * the consumer still sees one element after the other. Only one batch is held at a time, so memory
 * stays flat however long the source.
 */
final class ReadAhead {
  /** Sessions read together; small enough to keep memory flat at 100,000 sessions. */
  static final int BATCH = 128;

  private ReadAhead() {}

  /**
   * The elements {@code read} makes of the source's, in the source's order, empty results left out.
   * Closing the returned stream closes the source.
   *
   * @param source what to read, consumed one batch at a time as the result is consumed
   * @param read reads one element; called on several threads at once
   * @return the results
   */
  static <T, R> Stream<R> map(Stream<T> source, Function<T, Optional<R>> read) {
    Iterator<T> pending = source.iterator();
    Iterator<R> results =
        new Iterator<>() {
          private final ArrayDeque<R> ready = new ArrayDeque<>();

          @Override
          public boolean hasNext() {
            while (ready.isEmpty() && pending.hasNext()) {
              List<T> batch = new ArrayList<>(BATCH);
              while (batch.size() < BATCH && pending.hasNext()) batch.add(pending.next());
              // A stream of a list is ordered: toList() keeps the batch's order.
              for (Optional<R> result : batch.parallelStream().map(read).toList()) {
                result.ifPresent(ready::add);
              }
            }
            return !ready.isEmpty();
          }

          @Override
          public R next() {
            if (!hasNext()) throw new NoSuchElementException();
            return ready.poll();
          }
        };
    return StreamSupport.stream(
            Spliterators.spliteratorUnknownSize(results, Spliterator.ORDERED | Spliterator.NONNULL),
            false)
        .onClose(source::close);
  }
}
