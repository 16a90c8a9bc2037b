package io.github.ralphresume.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * The fast path of {@link Main}: it must bind exactly what picocli binds, decline everything it
 * does not fully understand, and leave every command line's output and status as picocli's run
 * gives them.
 */
class MainTest {
  private static final String STATE = "@STATE@";

  @TempDir Path root;
  private Path stateDir;

  @BeforeEach
  void setUp() throws IOException {
    stateDir = root.resolve(".omx").resolve("state");
    Files.createDirectories(stateDir.resolve("sessions").resolve("sess-current"));
    Path prior = stateDir.resolve("sessions").resolve("sess-prior");
    Files.createDirectories(prior);
    Files.writeString(
        prior.resolve("ralph-state.json"),
        "{\n  \"active\": true,\n  \"current_phase\": \"executing\",\n"
            + "  \"owner_codex_session_id\": \"codex-other\"\n}");
  }

  /** Command lines the fast path takes: none of them writes (no conversation matches). */
  static Stream<Arguments> plainCommandLines() {
    return commandLines(
        line("reconcile", "--state-dir", STATE, "--json"),
        line("reconcile", "--state-dir=" + STATE, "--codex-session-id", "codex-1", "--json"),
        line("reconcile", "--json", "--codex-session-id=codex-1", "--state-dir", STATE),
        line("reconcile", "--state-dir", STATE, "--thread-id", "", "--codex-session-id", "c-1"),
        line("reconcile", "--state-dir", STATE, "--thread-id", "t-1", "--verbose", "--json"),
        line("reconcile", "--state-dir", STATE, "--codex-session-id", "a=b"),
        line("reconcile", "--state-dir", STATE, "--plugin-path", "@ROOT@/plugins", "--json"),
        line("hook", "{\"cwd\":\"@ROOT@\",\"session_id\":\"codex-1\"}"),
        line("hook", "--plugin-path", "@ROOT@/plugins", "{\"cwd\":\"@ROOT@\"}"),
        line("hook", "not json"),
        line("hook", ""),
        line("hook"));
  }

  /** Command lines the fast path leaves to picocli. */
  static Stream<Arguments> otherCommandLines() {
    return commandLines(
        line(),
        line("--help"),
        line("status", "--state-dir", STATE),
        line("reconcile", "--help"),
        line("reconcile", "-h"),
        line("reconcile", "--version"),
        line("reconcile"),
        line("reconcile", "--state-dir"),
        line("reconcile", "--state-dir", STATE, "--state-dir", STATE),
        line("reconcile", "--state-dir", STATE, "--json", "--json"),
        line("reconcile", "--state-dir", STATE, "--json=true"),
        line("reconcile", "--state-dir", STATE, "--nope"),
        line("reconcile", "--state-dir", STATE, "extra"),
        line("reconcile", "--state-dir", STATE, "--codex-session-id", "--json"),
        line("reconcile", "--state-dir", STATE, "--thread-id", "-t"),
        line("reconcile", "--state-dir", STATE, "--", "--json"),
        line("reconcile", "@args.txt"),
        line("reconcile", "--state-dir", "@" + STATE),
        line("hook", "{}", "{}"),
        line("hook", "-x"),
        line("hook", "--help"));
  }

  private static String[] line(String... args) {
    return args;
  }

  private static Stream<Arguments> commandLines(String[]... lines) {
    return Stream.of(lines).map(args -> Arguments.of((Object) args));
  }

  @ParameterizedTest
  @MethodSource("plainCommandLines")
  void givenAPlainCommandLine_fastPath_bindsWhatPicocliBinds(String[] template) {
    String[] args = resolve(template);
    Callable<Integer> fast = Main.FastPath.bound(context(), args);
    assertNotNull(fast, () -> "the fast path should take " + List.of(args));
    Object parsed = picocliParsed(args);
    assertEquals(fields(parsed), fields(fast));
  }

  @ParameterizedTest
  @MethodSource("otherCommandLines")
  void givenAnythingElse_fastPath_declines(String[] template) {
    assertNull(Main.FastPath.bound(context(), resolve(template)));
  }

  @ParameterizedTest
  @MethodSource({"plainCommandLines", "otherCommandLines"})
  void givenAnyCommandLine_main_printsAndExitsAsPicocliDoes(String[] template) {
    String[] args = resolve(template);
    Outcome viaMain = run(Main::run, args);
    Outcome viaPicocli = run(RalphResumeCli::run, args);
    assertEquals(viaPicocli, viaMain);
  }

  @Test
  void givenAMissingStateDir_fastPath_leavesTheUsageErrorToPicocli() {
    String[] args = {"reconcile", "--state-dir", root.resolve("nowhere").toString(), "--json"};
    Outcome viaMain = run(Main::run, args);
    assertEquals(RalphResumeCli.EXIT_USAGE, viaMain.status());
    assertEquals(run(RalphResumeCli::run, args), viaMain);
  }

  @Test
  void givenAPicocliSystemProperty_fastPath_declines() {
    System.setProperty("picocli.trimQuotes", "true");
    try {
      assertNull(Main.FastPath.bound(context(), "reconcile", "--state-dir", "x"));
    } finally {
      System.clearProperty("picocli.trimQuotes");
    }
  }

  private String[] resolve(String[] template) {
    String[] args = new String[template.length];
    for (int i = 0; i < template.length; i++) {
      args[i] = template[i].replace(STATE, stateDir.toString()).replace("@ROOT@", root.toString());
    }
    return args;
  }

  private CliContext context() {
    return new CliContext(
        Map.of("OMX_SESSION_ID", "sess-current"),
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
  }

  /** The subcommand object as picocli's own parse of the same arguments leaves it. */
  private Object picocliParsed(String[] args) {
    CliContext context = context();
    Object command =
        args[0].equals("reconcile") ? new ReconcileCommand(context) : new HookCommand(context);
    new CommandLine(command).parseArgs(Arrays.copyOfRange(args, 1, args.length));
    return command;
  }

  /** The values of a command's picocli-annotated fields. */
  private static List<String> fields(Object command) {
    List<String> values = new ArrayList<>();
    try {
      for (var field : command.getClass().getDeclaredFields()) {
        if (field.isAnnotationPresent(CommandLine.Option.class)
            || field.isAnnotationPresent(CommandLine.Parameters.class)) {
          values.add(field.getName() + "=" + field.get(command));
        }
      }
    } catch (IllegalAccessException e) {
      throw new AssertionError(e);
    }
    return values;
  }

  record Outcome(int status, String out, String err) {}

  private static Outcome run(BiFunction<CliContext, String[], Integer> entry, String[] args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliContext context =
        new CliContext(
            Map.of("OMX_SESSION_ID", "sess-current"),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    int status = entry.apply(context, args);
    // Stack traces (picocli prints one for an unreadable @file) differ in their callers' frames.
    String errors =
        err.toString(StandardCharsets.UTF_8).replaceAll("(?m)^\\s+(at |\\.\\.\\. ).*\\R", "");
    return new Outcome(status, out.toString(StandardCharsets.UTF_8), errors);
  }
}
