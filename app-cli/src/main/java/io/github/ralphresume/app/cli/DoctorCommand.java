package io.github.ralphresume.app.cli;

import io.github.ralphresume.adapters.fs.FileCurrentSessionLocator;
import io.github.ralphresume.adapters.fs.FileRalphStateStore;
import io.github.ralphresume.adapters.fs.FileTransferJournal;
import io.github.ralphresume.adapters.fs.MkdirResumeLock;
import io.github.ralphresume.adapters.fs.StateDirectory;
import io.github.ralphresume.adapters.tmux.PaneLocators;
import io.github.ralphresume.adapters.tmux.PaneLookup;
import io.github.ralphresume.adapters.tmux.PaneLookupSettings;
import io.github.ralphresume.domain.json.JsonArray;
import io.github.ralphresume.domain.json.JsonObject;
import io.github.ralphresume.domain.json.JsonText;
import io.github.ralphresume.domain.json.JsonValue;
import io.github.ralphresume.domain.model.CurrentSession;
import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.JournalEntry;
import io.github.ralphresume.domain.wire.WireFormat;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code doctor}: everything that decides whether a loop follows a resumed conversation. */
@Command(
    name = "doctor",
    mixinStandardHelpOptions = true,
    description = {
      "Checks whether a loop will follow a resumed conversation here. Changes nothing.",
      "One line per check, ok / warning / problem, with the fix: Java and the",
      "launcher's class-data archive; ralph-resume's Codex hooks (user or project),",
      "their trust, and whether Codex's config turns hooks off; a notify wiring that",
      "cannot resume loops owned by a Codex session; the project's state dir and",
      "current session; the resume lock and transfer journals; tmux.",
      "",
      "Example:",
      "  ralph-resume doctor --project ~/src/app"
    },
    exitCodeListHeading = "Exit status:%n",
    exitCodeList = {
      "0:no problems (warnings allowed)",
      "1:at least one problem",
      "2:bad input (one line on stderr)"
    })
final class DoctorCommand implements Callable<Integer> {
  private final CliContext context;

  @Option(
      names = "--project",
      paramLabel = "DIR",
      description = "The project to check (default: the current directory).")
  String project;

  @Option(names = "--json", description = "Print one JSON object for scripts.")
  boolean json;

  DoctorCommand(CliContext context) {
    this.context = context;
  }

  /** How bad a finding is. */
  enum Status {
    OK("ok"),
    WARNING("warning"),
    PROBLEM("problem");

    final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }
  }

  /**
   * One line of the checklist: what was checked, what was found, and the fix when not ok; {@code
   * facts} are what was found in the wire format, added to the check's object by {@code --json}.
   */
  record Check(String name, Status status, String message, String fix, JsonObject facts) {
    static Check ok(String name, String message) {
      return new Check(name, Status.OK, message, "", JsonObject.EMPTY);
    }

    static Check warning(String name, String message, String fix) {
      return new Check(name, Status.WARNING, message, fix, JsonObject.EMPTY);
    }

    static Check problem(String name, String message, String fix) {
      return new Check(name, Status.PROBLEM, message, fix, JsonObject.EMPTY);
    }

    Check withFact(String member, JsonValue value) {
      return new Check(name, status, message, fix, facts.with(member, value));
    }
  }

  @Override
  public Integer call() {
    Path projectDir = CodexInstallation.project(project);
    List<Check> checks = new ArrayList<>();
    checks.add(java());
    checks.add(classDataArchive());
    codex(projectDir, checks);
    state(projectDir, checks);
    checks.add(tmux());

    long problems = checks.stream().filter(c -> c.status() == Status.PROBLEM).count();
    long warnings = checks.stream().filter(c -> c.status() == Status.WARNING).count();
    context.out().print(json ? json(checks, problems, warnings) : text(checks, problems, warnings));
    return problems == 0 ? RalphResumeCli.EXIT_OK : RalphResumeCli.EXIT_FAILURE;
  }

  // --- Java -------------------------------------------------------------------------------------

  private Check java() {
    String launcher = CodexInstallation.startedLauncher();
    String java =
        "Java "
            + System.getProperty("java.runtime.version", System.getProperty("java.version"))
            + " ("
            + System.getProperty("java.vm.name", "?")
            + ") at "
            + System.getProperty("java.home");
    if (launcher.isEmpty()) {
      return Check.warning(
          "java",
          java
              + "; not started through bin/ralph-resume (so no class-data archive, and"
              + " `install codex` needs --command)",
          "run ralph-resume through its launcher, bin/ralph-resume");
    }
    return Check.ok("java", java + ", started by " + launcher);
  }

  /**
   * What the JVM says about itself: {@code java.vm.info} says "sharing" when any class-data archive
   * is mapped, and the launcher's own archive is the {@code -XX:SharedArchiveFile} it passed.
   */
  private Check classDataArchive() {
    boolean sharing = System.getProperty("java.vm.info", "").contains("sharing");
    Optional<String> archive = Optional.empty();
    for (String argument : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (argument.startsWith("-XX:SharedArchiveFile=")) {
        archive = Optional.of(argument.substring("-XX:SharedArchiveFile=".length()));
      }
    }
    if (sharing && archive.isPresent()) {
      return Check.ok("class-data archive", "the launcher's archive is mapped: " + archive.get());
    }
    String off = context.environment().getOrDefault("RALPH_RESUME_CDS", "");
    if (off.equals("off")) {
      return Check.warning(
          "class-data archive",
          "turned off (RALPH_RESUME_CDS=off): every hook starts about twice as slowly",
          "unset RALPH_RESUME_CDS");
    }
    return Check.warning(
        "class-data archive",
        sharing
            ? "only the JDK's own archive is mapped: the launcher records its archive on the first"
                + " hook or reconcile after a build (about a second), then maps it on every run"
            : "class-data sharing is off in this JVM: every hook starts more slowly",
        "run one hook or `reconcile` through bin/ralph-resume, then run doctor again");
  }

  // --- Codex ------------------------------------------------------------------------------------

  private void codex(Path projectDir, List<Check> checks) {
    Map<String, String> environment = context.environment();
    Path userFolder = CodexInstallation.codexHome(environment);
    Path projectFolder = projectDir.resolve(".codex");
    String ourCommand = CodexInstallation.installedCommand();

    CodexConfig userConfig = config(userFolder.resolve("config.toml"), checks);
    CodexConfig projectConfig = config(projectFolder.resolve("config.toml"), checks);

    Map<CodexInstallation.Scope, List<CodexHooks.Entry>> installed = new LinkedHashMap<>();
    Map<CodexInstallation.Scope, Path> files = new LinkedHashMap<>();
    files.put(CodexInstallation.Scope.USER, userFolder.resolve("hooks.json"));
    files.put(CodexInstallation.Scope.PROJECT, projectFolder.resolve("hooks.json"));
    for (Map.Entry<CodexInstallation.Scope, Path> file : files.entrySet()) {
      Optional<String> text;
      try {
        text = Optional.of(Files.readString(file.getValue(), StandardCharsets.UTF_8));
      } catch (NoSuchFileException missing) {
        continue;
      } catch (IOException unreadable) {
        checks.add(
            Check.problem(
                "codex hooks",
                "cannot read " + file.getValue() + ": " + unreadable.getMessage(),
                "make it readable"));
        continue;
      }
      try {
        List<CodexHooks.Entry> ours = CodexHooks.ours(CodexHooks.parse(text.get()), ourCommand);
        if (!ours.isEmpty()) installed.put(file.getKey(), ours);
      } catch (CodexHooks.Malformed malformed) {
        checks.add(
            Check.problem(
                "codex hooks",
                file.getValue() + " " + malformed.getMessage() + ": Codex ignores every hook in it",
                "fix the file (install codex refuses to touch it until then)"));
      }
    }
    checks.add(hooksInstalled(installed, files));
    for (Map.Entry<CodexInstallation.Scope, List<CodexHooks.Entry>> scope : installed.entrySet()) {
      checks.add(launcherExists(scope.getValue(), files.get(scope.getKey())));
      checks.add(trust(scope.getValue(), files.get(scope.getKey()), userConfig));
      if (scope.getKey() == CodexInstallation.Scope.PROJECT) {
        checks.add(projectTrusted(projectDir, userConfig));
      }
    }
    checks.add(hooksFeature(userConfig, projectConfig));
    checks.add(notify(List.of(userConfig, projectConfig), !installed.isEmpty()));
  }

  private static CodexConfig config(Path file, List<Check> checks) {
    CodexConfig config;
    try {
      config = CodexConfig.read(file);
    } catch (IOException unreadable) {
      checks.add(
          Check.warning(
              "codex config",
              "cannot read " + file + ": " + unreadable.getMessage(),
              "make it readable"));
      return CodexConfig.parse(file, "");
    }
    config
        .problem()
        .ifPresent(
            where ->
                checks.add(
                    Check.warning(
                        "codex config",
                        file + " is not valid TOML (" + where + "); read up to there",
                        "fix it: Codex refuses a config it cannot parse")));
    return config;
  }

  private static Check hooksInstalled(
      Map<CodexInstallation.Scope, List<CodexHooks.Entry>> installed,
      Map<CodexInstallation.Scope, Path> files) {
    if (installed.isEmpty()) {
      return Check.problem(
          "codex hooks",
          "not installed (neither "
              + files.get(CodexInstallation.Scope.USER)
              + " nor "
              + files.get(CodexInstallation.Scope.PROJECT)
              + " runs ralph-resume hook): a resumed conversation leaves its loop behind",
          "ralph-resume install codex, then trust the hooks in Codex's /hooks view");
    }
    List<String> where = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Map.Entry<CodexInstallation.Scope, List<CodexHooks.Entry>> scope : installed.entrySet()) {
      Set<String> events = new java.util.LinkedHashSet<>();
      for (CodexHooks.Entry entry : scope.getValue()) events.add(entry.event());
      where.add(files.get(scope.getKey()) + " (" + String.join(", ", events) + ")");
      for (String event : CodexHooks.EVENTS) {
        if (!events.contains(event)) missing.add(event + " in " + files.get(scope.getKey()));
      }
    }
    if (installed.size() > 1) {
      return Check.warning(
          "codex hooks",
          "installed twice: " + String.join(" and ", where) + "; each event runs the hook twice",
          "ralph-resume uninstall codex --scope project (or --scope user)");
    }
    if (!missing.isEmpty()) {
      return Check.warning(
          "codex hooks",
          "installed in " + String.join(", ", where) + " but missing " + String.join(", ", missing),
          "ralph-resume install codex" + scopeOption(installed));
    }
    return Check.ok("codex hooks", "installed in " + where.get(0));
  }

  private static String scopeOption(Map<CodexInstallation.Scope, ?> installed) {
    return installed.containsKey(CodexInstallation.Scope.PROJECT) ? " --scope project" : "";
  }

  /** The hooks run a launcher by path: it must still be there (a checkout moves, a build goes). */
  private static Check launcherExists(List<CodexHooks.Entry> entries, Path file) {
    Set<String> broken = new java.util.TreeSet<>();
    for (CodexHooks.Entry entry : entries) {
      List<String> words = ShellWords.split(entry.command()).orElse(List.of(entry.command()));
      Path program = Path.of(words.get(0));
      if (!program.isAbsolute() || !Files.isExecutable(program)) broken.add(words.get(0));
    }
    if (broken.isEmpty()) {
      return Check.ok("codex hook command", "the hooks in " + file + " run an existing launcher");
    }
    return Check.problem(
        "codex hook command",
        "the hooks in "
            + file
            + " run "
            + String.join(", ", broken)
            + ", which is not an executable file by absolute path: every hook fails",
        "run `install codex` from this installation's bin/ralph-resume (then trust the hooks"
            + " again)");
  }

  /**
   * Codex records the trust a person gives a hook in the user's config.toml, keyed by the hooks
   * file's real path, the event and the hook's position. A recorded hash that no longer matches
   * (the command changed) cannot be told from here; Codex's {@code /hooks} view shows it.
   */
  private static Check trust(List<CodexHooks.Entry> entries, Path file, CodexConfig userConfig) {
    List<String> keys = pathsOf(file);
    List<String> untrusted = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    for (CodexHooks.Entry entry : entries) {
      boolean trusted = false;
      for (String path : keys) {
        String key =
            path + ":" + eventKey(entry.event()) + ":" + entry.group() + ":" + entry.handler();
        trusted |= userConfig.trustedHash(key).isPresent();
        if (userConfig.hookDisabled(key)) disabled.add(entry.event());
      }
      if (!trusted) untrusted.add(entry.event());
    }
    if (!disabled.isEmpty()) {
      return Check.problem(
          "codex hook trust",
          "turned off in Codex: " + String.join(", ", disabled),
          "turn them on again in Codex's /hooks view");
    }
    if (!untrusted.isEmpty()) {
      return Check.problem(
          "codex hook trust",
          "not trusted yet: "
              + String.join(", ", untrusted)
              + " (Codex skips an untrusted hook silently)",
          "start codex, type /hooks, and trust the ralph-resume hooks");
    }
    return Check.ok(
        "codex hook trust",
        "trusted in "
            + userConfig.file()
            + " (if the command changed since, Codex's /hooks view asks again)");
  }

  /** The file as given and as Codex keys it (Codex resolves links in its home). */
  private static List<String> pathsOf(Path file) {
    List<String> paths = new ArrayList<>(List.of(file.toString()));
    try {
      String real = file.getParent().toRealPath().resolve(file.getFileName()).toString();
      if (!paths.contains(real)) paths.add(real);
    } catch (IOException unresolvable) {
      // The path as given is all there is.
    }
    return paths;
  }

  /** Codex's key label for an event: SessionStart is {@code session_start}. */
  static String eventKey(String event) {
    StringBuilder key = new StringBuilder();
    for (int i = 0; i < event.length(); i++) {
      char c = event.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) key.append('_');
        key.append(Character.toLowerCase(c));
      } else {
        key.append(c);
      }
    }
    return key.toString();
  }

  private static Check projectTrusted(Path projectDir, CodexConfig userConfig) {
    String trust = userConfig.projectTrust(projectDir.toString()).orElse("");
    if (trust.equals("trusted")) {
      return Check.ok("codex project trust", projectDir + " is a trusted project in Codex");
    }
    return Check.problem(
        "codex project trust",
        projectDir + " is not a trusted project in Codex, so its .codex/hooks.json is not loaded",
        "trust the project when Codex asks (or install with --scope user)");
  }

  private static Check hooksFeature(CodexConfig userConfig, CodexConfig projectConfig) {
    for (CodexConfig config : List.of(userConfig, projectConfig)) {
      if (config.hooksTurnedOff()) {
        return Check.problem(
            "codex hooks feature",
            config.file() + " turns Codex's hooks off ([features] hooks = false)",
            "remove that line (hooks are on by default)");
      }
    }
    return Check.ok("codex hooks feature", "on (not turned off in Codex's config)");
  }

  private static Check notify(List<CodexConfig> configs, boolean hooksInstalled) {
    CodexConfig wired = null;
    for (CodexConfig config : configs) {
      Optional<List<String>> notify = config.notifyCommand();
      if (notify.isPresent() && CodexHooks.notifyRunsOurHook(notify.get())) wired = config;
    }
    if (wired == null) return Check.ok("codex notify", "no notify wiring of ralph-resume");
    String why =
        wired.file()
            + "'s notify runs ralph-resume hook, but Codex's notify payload carries no session"
            + " id, so it cannot resume a loop owned by a Codex session (how OMX records owners)";
    return hooksInstalled
        ? Check.warning(
            "codex notify",
            why + "; the hooks do that now, so it only costs a JVM per turn",
            "remove the notify line")
        : Check.warning(
            "codex notify", why, "ralph-resume install codex, then remove the notify line");
  }

  // --- the project's state ----------------------------------------------------------------------

  private void state(Path projectDir, List<Check> checks) {
    Path stateDir = StateDirectory.ofProject(projectDir, context.environment());
    if (!Files.exists(stateDir, LinkOption.NOFOLLOW_LINKS)) {
      checks.add(
          Check.warning(
              "state dir",
              "no OMX state at "
                  + stateDir
                  + ": the hook leaves this project alone (OMX has not run here)",
              "run OMX in this project, or point doctor at one with --project DIR"));
      return;
    }
    Path dir;
    try {
      dir = StateDirectory.validate(stateDir.toString(), "");
    } catch (StateDirectory.InvalidException invalid) {
      checks.add(
          Check.problem("state dir", invalid.getMessage(), "make it the directory OMX writes"));
      return;
    }
    checks.add(Check.ok("state dir", dir.toString()));
    checks.add(currentSession(dir));
    checks.add(lock(dir));
    checks.add(pendingJournal(dir));
    keptAsideJournals(dir, checks);
  }

  private Check currentSession(Path dir) {
    FileRalphStateStore store = new FileRalphStateStore(dir);
    CurrentSession current =
        new FileCurrentSessionLocator(store).locate(Environment.ofProcess(context.environment()));
    Check check =
        current instanceof CurrentSession.None none
            ? Check.warning(
                "current session",
                "none here: " + none.why(),
                "normal outside an OMX session; inside one, OMX_SESSION_ID or session.json names it")
            : Check.ok("current session", StatusCommand.currentDescription(current));
    return check.withFact("currentSession", WireFormat.currentSession(current));
  }

  private static Check lock(Path dir) {
    MkdirResumeLock lock = new MkdirResumeLock(dir);
    MkdirResumeLock.Sighting sighting = lock.look();
    if (sighting instanceof MkdirResumeLock.Sighting.Free) return Check.ok("resume lock", "free");
    if (sighting instanceof MkdirResumeLock.Sighting.Changing) {
      return Check.ok("resume lock", "being taken or released right now");
    }
    if (sighting instanceof MkdirResumeLock.Sighting.Blocked blocked) {
      return Check.problem(
          "resume lock",
          blocked.why() + ": no reconcile can take the lock",
          "remove " + lock.lockDir());
    }
    MkdirResumeLock.Sighting.Taken taken = (MkdirResumeLock.Sighting.Taken) sighting;
    String holder = holder(taken.holderPid());
    if (!taken.stale()) return Check.ok("resume lock", "held right now by " + holder);
    return Check.warning(
        "resume lock",
        "stale: last refreshed "
            + taken.sinceRefresh().toSeconds()
            + " s ago by "
            + holder
            + " (its holder died); the next reconcile takes it over",
        "nothing to do; or remove " + lock.lockDir() + " if no reconcile runs");
  }

  /** The holder's process, and whether it still runs. */
  private static String holder(OptionalLong pid) {
    if (pid.isEmpty()) return "an unknown holder";
    boolean alive = ProcessHandle.of(pid.getAsLong()).map(ProcessHandle::isAlive).orElse(false);
    return "pid " + pid.getAsLong() + (alive ? " (running)" : " (not running)");
  }

  private static Check pendingJournal(Path dir) {
    Optional<JournalEntry> pending;
    try {
      pending = new FileTransferJournal(dir).pending();
    } catch (RuntimeException unreadable) {
      return Check.problem(
          "transfer journal",
          RalphResumeCli.oneLine(unreadable),
          "read it, decide where the loop belongs (ralph-resume status), then move it aside");
    }
    if (pending.isEmpty()) return Check.ok("transfer journal", "none pending");
    JournalEntry entry = pending.get();
    return Check.warning(
        "transfer journal",
        "an interrupted transfer "
            + entry.transferId()
            + " of the loop from "
            + entry.source().value()
            + " to "
            + entry.target().value()
            + " is pending; the next reconcile settles it",
        "ralph-resume reconcile --state-dir " + dir + " (settles it now)");
  }

  /**
   * Journals recovery kept aside because another writer changed a document the transfer touched:
   * the loop may live only there, and only a person can tell which copy is right.
   */
  private static void keptAsideJournals(Path dir, List<Check> checks) {
    try (DirectoryStream<Path> entries =
        Files.newDirectoryStream(
            dir, entry -> FileTransferJournal.isKeptAside(entry.getFileName().toString()))) {
      for (Path kept : entries) {
        checks.add(
            Check.problem(
                "transfer journal",
                "a transfer was kept aside for you in "
                    + kept
                    + ": recovery found a document it did not write and touched nothing",
                "read it, decide which copy of the loop is right (ralph-resume status --state-dir "
                    + dir
                    + "), fix the session documents, then delete it"));
      }
    } catch (IOException unreadable) {
      checks.add(
          Check.problem(
              "transfer journal",
              "cannot list " + dir + ": " + unreadable.getMessage(),
              "make it readable"));
    }
  }

  // --- tmux -------------------------------------------------------------------------------------

  private Check tmux() {
    PaneLookupSettings settings = PaneLookupSettings.from(context.environment());
    Optional<String> version = tmuxVersion(settings);
    if (version.isEmpty()) {
      return Check.warning(
          "tmux",
          "cannot run "
              + settings.tmuxCommand()
              + ": a resumed loop cannot be re-pointed at the agent's tmux pane",
          "install tmux (or set RALPH_RESUME_TMUX_BIN) if Codex runs in tmux");
    }
    Environment environment = Environment.ofProcess(context.environment());
    PaneLookup lookup =
        PaneLocators.explain(
            PaneLocators.standard(
                context.environment(), DoctorCommand.class.getClassLoader(), problem -> {}),
            environment);
    String notes = lookup.notes().isEmpty() ? "" : " (" + String.join("; ", lookup.notes()) + ")";
    if (lookup.pane().isPresent()) {
      return Check.ok(
          "tmux", version.get() + "; this terminal's pane: " + lookup.pane().get().value() + notes);
    }
    if (environment.get("TMUX_PANE").isPresent()) {
      return Check.warning(
          "tmux",
          version.get() + "; TMUX_PANE is set but no pane was found" + notes,
          "check RALPH_RESUME_TMUX_SOCKET and RALPH_RESUME_PANE_LOCATORS");
    }
    return Check.ok(
        "tmux", version.get() + "; not in a tmux pane here (the hook looks where Codex runs)");
  }

  private static Optional<String> tmuxVersion(PaneLookupSettings settings) {
    try {
      Process process =
          new ProcessBuilder(settings.tmuxCommand(), "-V")
              .redirectErrorStream(true)
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
              .start();
      if (!process.waitFor(settings.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return Optional.empty();
      }
      String out =
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      return process.exitValue() == 0 ? Optional.of(out) : Optional.empty();
    } catch (IOException notRunnable) {
      return Optional.empty();
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  // --- output -----------------------------------------------------------------------------------

  static String text(List<Check> checks, long problems, long warnings) {
    StringBuilder out = new StringBuilder();
    for (Check check : checks) {
      out.append(
          String.format(
              Locale.ROOT,
              "%-8s %s: %s%n",
              check.status().wireName,
              check.name(),
              check.message()));
      if (!check.fix().isEmpty()) out.append("         fix: ").append(check.fix()).append('\n');
    }
    out.append('\n');
    if (problems == 0 && warnings == 0) {
      out.append("No problems.\n");
    } else {
      out.append(count(problems, "problem")).append(", ").append(count(warnings, "warning"));
      out.append(".\n");
    }
    return out.toString();
  }

  private static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String json(List<Check> checks, long problems, long warnings) {
    List<JsonValue> list = new ArrayList<>();
    for (Check check : checks) {
      Map<String, JsonValue> item = new LinkedHashMap<>();
      item.put("name", JsonValue.of(check.name()));
      item.put("status", JsonValue.of(check.status().wireName));
      item.put("message", JsonValue.of(check.message()));
      if (!check.fix().isEmpty()) item.put("fix", JsonValue.of(check.fix()));
      item.putAll(check.facts().members());
      list.add(new JsonObject(item));
    }
    Map<String, JsonValue> root = new LinkedHashMap<>();
    root.put("ok", JsonValue.of(problems == 0));
    root.put("problems", JsonValue.of(problems));
    root.put("warnings", JsonValue.of(warnings));
    root.put("checks", new JsonArray(list));
    return JsonText.compact(new JsonObject(root)) + "\n";
  }
}
