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
import java.util.Arrays;
import java.util.LinkedHashMap;
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
 * {@link PlainCommandLine}: it must bind exactly what picocli binds, decline everything it does not
 * fully understand, and leave every command line's output and status as picocli's run gives them.
 */
class PlainCommandLineTest {
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

  /** Command lines the plain parser takes: none of them writes (no conversation matches). */
  static Stream<Arguments> plainCommandLines() {
    return commandLines(
        line("reconcile", "--state-dir", STATE, "--json"),
        line("reconcile", "--state-dir=" + STATE, "--codex-session-id", "codex-1", "--json"),
        line("reconcile", "--json", "--codex-session-id=codex-1", "--state-dir", STATE),
        line("reconcile", "--state-dir", STATE, "--thread-id", "", "--codex-session-id", "c-1"),
        line("reconcile", "--state-dir", STATE, "--thread-id", "t-1", "--verbose", "--json"),
        line("reconcile", "--state-dir", STATE, "--codex-session-id", "a=b"),
        line("reconcile", "--state-dir", STATE, "--plugin-path", "@ROOT@/plugins", "--json"),
        line("reconcile", "--verbose", "--state-dir", "@ROOT@/nowhere"),
        line("reconcile", "--state-dir="),
        line("hook", "{\"cwd\":\"@ROOT@\",\"session_id\":\"codex-1\"}"),
        line("hook", "--plugin-path", "@ROOT@/plugins", "{\"cwd\":\"@ROOT@\"}"),
        line("hook", "not json"),
        line("hook", ""),
        line("hook"));
  }

  /** Command lines the plain parser leaves to picocli. */
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
        line("reconcile", "--state-dir", STATE, "--verbose=false"),
        line("reconcile", "--state-dir", STATE, "--plugin-path"),
        line("reconcile", "--state-dir", STATE, "-"),
        line("reconcile", "--state-dir", STATE, "--nope"),
        line("reconcile", "--state-dir", STATE, "extra"),
        line("reconcile", "--state-dir", STATE, "--codex-session-id", "--json"),
        line("reconcile", "--state-dir", STATE, "--thread-id", "-t"),
        line("reconcile", "--state-dir", STATE, "--", "--json"),
        line("reconcile", "@args.txt"),
        line("reconcile", "--state-dir", "@" + STATE),
        line("hook", "{}", "{}"),
        line("hook", "-x"),
        line("hook", "@payload.json"),
        line("hook", "--plugin-path", "a", "--plugin-path", "b"),
        line("hook", "--plugin-path=-x", "{}"),
        line("hook", "--", "{}"),
        line("hook", "--help"),
        line("explain", "--state-dir", STATE));
  }

  private static String[] line(String... args) {
    return args;
  }

  private static Stream<Arguments> commandLines(String[]... lines) {
    return Stream.of(lines).map(args -> Arguments.of((Object) args));
  }

  @ParameterizedTest
  @MethodSource("plainCommandLines")
  void givenAPlainCommandLine_parse_bindsWhatPicocliBinds(String[] template) {
    String[] args = resolve(template);
    Callable<Integer> plain = PlainCommandLine.parse(context(), args);
    assertNotNull(plain, () -> "the plain parser should take " + List.of(args));
    Object parsed = picocliParsed(args);
    assertEquals(bound(parsed), bound(plain));
  }

  @ParameterizedTest
  @MethodSource("otherCommandLines")
  void givenAnythingElse_parse_declines(String[] template) {
    assertNull(PlainCommandLine.parse(context(), resolve(template)));
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
  void givenAMissingStateDir_main_reportsTheUsageErrorAsPicocliDoes() {
    String[] args = {"reconcile", "--state-dir", root.resolve("nowhere").toString(), "--json"};
    assertNotNull(PlainCommandLine.parse(context(), args));
    Outcome viaMain = run(Main::run, args);
    assertEquals(RalphResumeCli.EXIT_USAGE, viaMain.status());
    assertEquals(
        new Outcome(
            RalphResumeCli.EXIT_USAGE,
            "",
            "ralph-resume: state dir " + root.resolve("nowhere") + " does not exist\n"),
        viaMain);
    assertEquals(run(RalphResumeCli::run, args), viaMain);
  }

  @Test
  void givenAPicocliSystemProperty_parse_declines() {
    System.setProperty("picocli.trimQuotes", "true");
    try {
      assertNull(PlainCommandLine.parse(context(), "reconcile", "--state-dir", "x"));
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

  /** Every value a command line sets, by option. */
  private static Map<String, Object> bound(Object command) {
    Map<String, Object> values = new LinkedHashMap<>();
    if (command instanceof ReconcileCommand reconcile) {
      values.put("--state-dir", reconcile.options.stateDir.value);
      values.put("--codex-session-id", reconcile.options.codexSessionId);
      values.put("--thread-id", reconcile.options.threadId);
      values.put("--plugin-path", reconcile.options.pluginPath.value);
      values.put("--verbose", reconcile.options.verbose);
      values.put("--json", reconcile.json);
    } else {
      HookCommand hook = (HookCommand) command;
      values.put("--plugin-path", hook.pluginPath.value);
      values.put("PAYLOAD", hook.payloadArgument);
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
