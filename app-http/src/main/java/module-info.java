/**
 * The local HTTP service ({@code io.github.ralphresume.app.http.HttpMain}). An application, not a
 * library: it exports nothing. It runs with {@code java -jar} (the jar's manifest puts {@code lib/}
 * on the class path) or on the module path:
 *
 * <pre>{@code
 * java --module-path lib:ralph-resume-http.jar -m io.github.ralphresume.app.http/io.github.ralphresume.app.http.HttpMain
 * }</pre>
 *
 * <p>No JVM flags are needed. Pane-locator plugins for requests that name no pane are jars in the
 * directory named by {@code RALPH_RESUME_PLUGIN_PATH}.
 *
 * @since 0.1.0
 */
module io.github.ralphresume.app.http {
  requires io.github.ralphresume.adapters.fs;
  requires io.github.ralphresume.adapters.tmux;
  requires com.fasterxml.jackson.core;
  requires info.picocli;

  // picocli sets the options' fields reflectively.
  opens io.github.ralphresume.app.http to
      info.picocli;
}
