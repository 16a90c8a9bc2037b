/**
 * The {@code ralph-resume} command line ({@code io.github.ralphresume.app.cli.Main}). An
 * application, not a library: it exports nothing. It runs with {@code java -jar} (the jar's
 * manifest puts {@code lib/} on the class path) or on the module path:
 *
 * <pre>{@code
 * java --module-path lib:ralph-resume.jar -m io.github.ralphresume.app.cli/io.github.ralphresume.app.cli.Main
 * }</pre>
 *
 * <p>No JVM flags are needed; on JDK 24 and later add {@code --enable-native-access=com.sun.jna}
 * (module path) or {@code --enable-native-access=ALL-UNNAMED} (class path) to silence the JVM's
 * warning when the terminal lookup loads JNA. Pane-locator plugins are jars in a directory named by
 * {@code --plugin-path} or {@code RALPH_RESUME_PLUGIN_PATH}, loaded on the class path of their own
 * class loader.
 *
 * @since 0.1.0
 */
module io.github.ralphresume.app.cli {
  requires io.github.ralphresume.adapters.fs;
  requires io.github.ralphresume.adapters.tmux;
  requires info.picocli;
  // doctor reads the JVM's own arguments (is the launcher's class-data archive mapped?).
  requires java.management;

  // picocli sets the commands' option fields and creates the version provider reflectively.
  opens io.github.ralphresume.app.cli to
      info.picocli;
}
