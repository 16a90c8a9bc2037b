package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.js.JsStrings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed pane-lookup configuration, read once from a settings map (usually the process environment)
 * and handed to every {@link PaneLocatorProvider}.
 *
 * @param values every setting as given, so plugin locators can read their own
 * @param tmuxCommand the tmux binary: a path when it contains {@code /}, otherwise a name looked up
 *     on {@code searchPath}
 * @param searchPath the {@code PATH} the binary is looked up on
 * @param tmuxSocket the tmux server to talk to: a socket path when it contains {@code /} ({@code
 *     -S}), otherwise a socket name ({@code -L}); empty for tmux's own choice ({@code $TMUX}, then
 *     {@code default})
 * @param timeout how long one tmux call may take before it is killed
 * @param locatorOrder the locator names to try, in order
 * @param processTmuxPane the process's own {@code TMUX_PANE} (trimmed), or {@code ""}: the
 *     reference verifies that pane when a caller-supplied environment carries none
 * @since 0.1.0
 */
public record PaneLookupSettings(
    Map<String, String> values,
    String tmuxCommand,
    String searchPath,
    Optional<String> tmuxSocket,
    Duration timeout,
    List<String> locatorOrder,
    String processTmuxPane) {

  /** Setting naming the tmux binary (a path, or a name looked up on {@code PATH}). */
  public static final String TMUX_BIN = "RALPH_RESUME_TMUX_BIN";

  /** Setting naming the tmux server: a socket name ({@code -L}) or a socket path ({@code -S}). */
  public static final String TMUX_SOCKET = "RALPH_RESUME_TMUX_SOCKET";

  /** Setting listing the locators to try, comma-separated, e.g. {@code tmux-env,tmux-tty}. */
  public static final String PANE_LOCATORS = "RALPH_RESUME_PANE_LOCATORS";

  /**
   * The order used when {@link #PANE_LOCATORS} is unset or blank: the reference, then fallbacks.
   */
  public static final List<String> DEFAULT_ORDER = List.of("tmux-env", "tmux-tty", "tmux-ancestry");

  /** The reference's limit for one tmux call. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  /**
   * Checks and normalises the components.
   *
   * @param values every setting as given, so plugin locators can read their own
   * @param tmuxCommand the tmux binary: a path when it contains {@code /}, otherwise a name looked
   *     up on {@code searchPath}
   * @param searchPath the {@code PATH} the binary is looked up on
   * @param tmuxSocket the tmux server to talk to: a socket path when it contains {@code /} ({@code
   *     -S}), otherwise a socket name ({@code -L}); empty for tmux's own choice ({@code $TMUX},
   *     then {@code default})
   * @param timeout how long one tmux call may take before it is killed
   * @param locatorOrder the locator names to try, in order
   * @param processTmuxPane the process's own {@code TMUX_PANE} (trimmed), or {@code ""}: the
   *     reference verifies that pane when a caller-supplied environment carries none
   */
  public PaneLookupSettings {
    values = Map.copyOf(values);
    Objects.requireNonNull(tmuxCommand, "tmuxCommand");
    Objects.requireNonNull(searchPath, "searchPath");
    Objects.requireNonNull(tmuxSocket, "tmuxSocket");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    locatorOrder = List.copyOf(locatorOrder);
    Objects.requireNonNull(processTmuxPane, "processTmuxPane");
    if (tmuxCommand.isBlank()) throw new IllegalArgumentException("tmuxCommand is blank");
  }

  /**
   * Reads {@value #TMUX_BIN}, {@value #TMUX_SOCKET}, {@value #PANE_LOCATORS}, {@code PATH} and
   * {@code TMUX_PANE}. Without a {@code PATH} entry the process's {@code PATH} is used, so a
   * settings map that only carries our own keys still finds tmux.
   *
   * @param settings usually {@code System.getenv()}; null keys and values are ignored
   * @return the settings
   */
  public static PaneLookupSettings from(Map<String, String> settings) {
    Map<String, String> values = new HashMap<>();
    // System.getenv() has no nulls, but a hand-built map might; a null means "not set".
    settings.forEach(
        (name, value) -> {
          if (name != null && value != null) values.put(name, value);
        });
    String bin = values.getOrDefault(TMUX_BIN, "").trim();
    String socket = values.getOrDefault(TMUX_SOCKET, "").trim();
    String path = values.containsKey("PATH") ? values.get("PATH") : processPath();
    return new PaneLookupSettings(
        values,
        bin.isEmpty() ? "tmux" : bin,
        path,
        socket.isEmpty() ? Optional.empty() : Optional.of(socket),
        DEFAULT_TIMEOUT,
        parseOrder(values.get(PANE_LOCATORS)),
        JsStrings.trim(values.getOrDefault("TMUX_PANE", "")));
  }

  /**
   * The value of a setting, if present.
   *
   * @param name the setting's name, e.g. a plugin's own variable
   * @return its value, or empty
   */
  public Optional<String> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  /** {@return the arguments that select the tmux server, placed before the tmux command} */
  public List<String> tmuxServerArguments() {
    return tmuxSocket
        .map(socket -> List.of(socket.contains("/") ? "-S" : "-L", socket))
        .orElse(List.of());
  }

  static List<String> parseOrder(String raw) {
    if (raw == null || raw.isBlank()) return DEFAULT_ORDER;
    List<String> names = new ArrayList<>();
    for (String part : raw.split(",", -1)) {
      String name = part.trim().toLowerCase(Locale.ROOT);
      if (!name.isEmpty() && !names.contains(name)) names.add(name);
    }
    return names.isEmpty() ? DEFAULT_ORDER : names;
  }

  private static String processPath() {
    String path = System.getenv("PATH");
    return path == null ? "" : path;
  }
}
