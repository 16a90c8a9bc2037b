package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.testing.StateDirFixture;
import io.github.ralphresume.testing.plugin.FixedPaneLocatorProvider;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code --plugin-path} and {@code RALPH_RESUME_PLUGIN_PATH} on {@code reconcile}, {@code hook} and
 * {@code explain}, through picocli and through {@link PlainCommandLine} alike.
 */
class PluginPathTest {
  static final String FAST = "plain parser";
  static final String PICOCLI = "picocli";

  @TempDir Path root;
  Path plugins;
  StateDirFixture state;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void setUp() throws IOException {
    plugins = Files.createDirectories(root.resolve("plugins"));
    state = StateDirFixture.resumable(root.resolve("project"));
    env.put("OMX_SESSION_ID", "sess-current");
    env.put("RALPH_RESUME_PANE_LOCATORS", "fixed");
    env.put("FIXED_PANE", "%55");
  }

  @ParameterizedTest
  @ValueSource(strings = {FAST, PICOCLI})
  void givenPluginPathOption_reconcile_pointsTheLoopAtThePluginsPane(String parser)
      throws IOException {
    plugin("fixed.jar", FixedPaneLocatorProvider.class.getName());

    Run run =
        run(
            parser,
            "reconcile",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX,
            "--json",
            "--plugin-path",
            plugins.toString());

    assertEquals(0, run.status, run.err);
    assertEquals("", run.err);
    assertTrue(run.out.contains("\"resumed\":true"), run.out);
    assertTrue(
        state.read("sess-current").contains("\"tmux_pane_id\": \"%55\""),
        state.read("sess-current"));
  }

  @ParameterizedTest
  @ValueSource(strings = {FAST, PICOCLI})
  void givenPluginPathVariable_reconcile_usesIt(String parser) throws IOException {
    plugin("fixed.jar", FixedPaneLocatorProvider.class.getName());
    env.put("RALPH_RESUME_PLUGIN_PATH", plugins.toString());

    Run run =
        run(
            parser,
            "reconcile",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX,
            "--json");

    assertEquals("", run.err);
    assertTrue(state.read("sess-current").contains("\"tmux_pane_id\": \"%55\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {FAST, PICOCLI})
  void givenOptionAndVariable_theOptionWins(String parser) throws IOException {
    env.put("RALPH_RESUME_PLUGIN_PATH", root.resolve("elsewhere").toString());
    plugin("fixed.jar", FixedPaneLocatorProvider.class.getName());

    Run run =
        run(
            parser,
            "reconcile",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX,
            "--plugin-path",
            plugins.toString());

    assertEquals("", run.err);
    assertTrue(state.read("sess-current").contains("\"tmux_pane_id\": \"%55\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {FAST, PICOCLI})
  void givenBrokenPluginJars_reconcile_reportsEachInOneLineAndStillResumes(String parser)
      throws IOException {
    plugin("a-missing.jar", "com.example.MissingLocator");
    Files.writeString(plugins.resolve("b-garbage.jar"), "not a jar");
    plugin("c-fixed.jar", FixedPaneLocatorProvider.class.getName());

    Run run =
        run(
            parser,
            "reconcile",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX,
            "--json",
            "--plugin-path",
            plugins.toString());

    assertEquals(0, run.status, run.err);
    String[] lines = run.err.split("\n");
    assertEquals(2, lines.length, run.err);
    assertTrue(
        lines[0].startsWith(
            "ralph-resume: warning: plugin jar "
                + plugins.resolve("b-garbage.jar")
                + " cannot be read ("),
        run.err);
    assertEquals(
        "ralph-resume: warning: cannot load a pane locator plugin:"
            + " Provider com.example.MissingLocator not found; skipped",
        lines[1]);
    assertTrue(run.out.contains("\"resumed\":true"), run.out);
    assertTrue(state.read("sess-current").contains("\"tmux_pane_id\": \"%55\""));
  }

  @ParameterizedTest
  @ValueSource(strings = {FAST, PICOCLI})
  void givenMissingPluginDirectory_reconcile_saysSoAndResumesWithoutAPane(String parser) {
    Path missing = root.resolve("no-such-dir");

    Run run =
        run(
            parser,
            "reconcile",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX,
            "--plugin-path",
            missing.toString());

    assertEquals(0, run.status, run.err);
    assertEquals(
        "ralph-resume: warning: plugin directory "
            + missing
            + " does not exist; no plugins loaded from it\n",
        run.err);
    assertTrue(state.active("sess-current"));
  }

  @ParameterizedTest
  @ValueSource(strings = {FAST, PICOCLI})
  void givenBrokenPlugin_hook_warnsAndStillReconciles(String parser) throws IOException {
    plugin("a-missing.jar", "com.example.MissingLocator");
    plugin("b-fixed.jar", FixedPaneLocatorProvider.class.getName());
    String payload =
        "{\"session_id\":\"" + StateDirFixture.CODEX + "\",\"cwd\":\"" + state.project + "\"}";

    Run run = run(parser, "hook", "--plugin-path", plugins.toString(), payload);

    assertEquals(0, run.status, run.err);
    assertEquals(
        "ralph-resume hook: cannot load a pane locator plugin:"
            + " Provider com.example.MissingLocator not found; skipped\n",
        run.err);
    assertTrue(
        state.read("sess-current").contains("\"tmux_pane_id\": \"%55\""),
        state.read("sess-current"));
  }

  @ParameterizedTest
  @ValueSource(strings = {PICOCLI})
  void givenPluginPath_explain_showsThePluginsAnswer(String parser) throws IOException {
    plugin("fixed.jar", FixedPaneLocatorProvider.class.getName());

    Run run =
        run(
            parser,
            "explain",
            "--state-dir",
            state.stateDir.toString(),
            "--codex-session-id",
            StateDirFixture.CODEX,
            "--json",
            "--plugin-path",
            plugins.toString());

    assertEquals(0, run.status, run.err);
    assertTrue(run.out.contains("%55"), run.out);
    assertTrue(state.exists("sess-prior") && !state.exists("sess-current"), "explain wrote");
  }

  /** A plugin jar registering {@code provider}; its class comes from the test class path. */
  private void plugin(String name, String provider) throws IOException {
    try (OutputStream file = Files.newOutputStream(plugins.resolve(name));
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + PaneLocatorProvider.class.getName()));
      out.write((provider + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }

  private record Run(int status, String out, String err) {}

  private Run run(String parser, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context =
        new CliContext(
            Map.copyOf(env),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int status;
    if (parser.equals(FAST)) {
      // The plain parser must take these command lines itself, not hand them to picocli.
      assertTrue(PlainCommandLine.parse(context, args) != null, "the plain parser declined");
      status = Main.run(context, args);
    } else {
      status = RalphResumeCli.run(context, args);
    }
    return new Run(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
