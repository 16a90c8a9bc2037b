/**
 * The file-system adapters: the state store over {@code <stateDir>/sessions} (and the same store
 * with a warm, inotify-fed index of loop owners for long-running processes), the resume lock shared
 * with oh-my-codex's TypeScript tool, the transfer journal, the current-session locator, and JSON
 * read with JavaScript's semantics. Needs jackson-core; no JVM flags.
 *
 * <p>The API is the one package {@code io.github.ralphresume.adapters.fs}: its public classes are
 * the adapters of the domain's ports and {@code JavaScriptJson}; everything else in it (atomic
 * writes, the lock's heartbeat, the platform's process check, the index's watcher and table) is
 * package-private.
 *
 * @since 0.1.0
 */
module io.github.ralphresume.adapters.fs {
  requires transitive io.github.ralphresume.domain;
  requires com.fasterxml.jackson.core;

  exports io.github.ralphresume.adapters.fs;
}
