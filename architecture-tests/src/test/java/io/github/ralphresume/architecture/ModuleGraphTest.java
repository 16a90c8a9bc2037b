package io.github.ralphresume.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.testing.plugin.FixedPaneLocatorProvider;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The modules' descriptors make a graph the module system resolves, and the applications run on the
 * module path with it (the unit tests of each module run on the class path).
 */
class ModuleGraphTest {
  static final String CLI = OurModules.PREFIX + "app.cli";
  static final String HTTP = OurModules.PREFIX + "app.http";
  static final String TMUX = OurModules.PREFIX + "adapters.tmux";

  static Configuration graph;
  static List<Path> modulePath;

  @BeforeAll
  static void resolve() {
    Map<String, ModuleReference> available = OurModules.onClassPath();
    ModuleFinder everything =
        ModuleFinder.of(OurModules.locations(available.values()).toArray(new Path[0]));
    Configuration boot = ModuleLayer.boot().configuration();
    // First what the apps require; then service binding among those modules only, so that no
    // test library that happens to provide some service joins the graph.
    Configuration required = boot.resolve(everything, ModuleFinder.of(), Set.of(CLI, HTTP));
    modulePath =
        OurModules.locations(required.modules().stream().map(ResolvedModule::reference).toList());
    graph =
        boot.resolveAndBind(
            ModuleFinder.of(modulePath.toArray(new Path[0])), ModuleFinder.of(), Set.of(CLI, HTTP));
  }

  @Test
  void theApplicationsResolveWithTheirLibraries() {
    Set<String> names =
        graph.modules().stream()
            .map(ResolvedModule::name)
            .collect(Collectors.toCollection(TreeSet::new));

    assertTrue(names.containsAll(OurModules.ALL), names::toString);
    assertTrue(
        names.containsAll(Set.of("com.sun.jna", "info.picocli", "com.fasterxml.jackson.core")),
        names::toString);
    for (String name : names) {
      ModuleDescriptor descriptor = graph.findModule(name).orElseThrow().reference().descriptor();
      assertTrue(!descriptor.isAutomatic(), name + " is an automatic module");
    }
  }

  @Test
  void theTmuxAdapterUsesAndProvidesThePaneLocatorSeam() {
    ModuleDescriptor tmux = graph.findModule(TMUX).orElseThrow().reference().descriptor();
    String service = TMUX + ".PaneLocatorProvider";

    assertEquals(Set.of(service), tmux.uses());
    ModuleLayer layer =
        ModuleLayer.boot().defineModulesWithOneLoader(graph, ClassLoader.getPlatformClassLoader());
    List<String> names = new ArrayList<>();
    try {
      Class<?> providerType = layer.findLoader(TMUX).loadClass(service);
      for (Object provider : ServiceLoader.load(layer, providerType)) {
        names.add((String) providerType.getMethod("name").invoke(provider));
      }
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
    assertEquals(List.of("tmux-env", "tmux-tty", "tmux-ancestry", "env"), names);
  }

  @Test
  void theCliRunsOnTheModulePathWithAPluginAndJna(@TempDir Path dir) throws Exception {
    Path stateDir = dir.resolve("project/.omx/state");
    Files.createDirectories(stateDir.resolve("sessions/sess-current"));
    Files.createDirectories(stateDir.resolve("sessions/sess-prior"));
    Files.writeString(
        stateDir.resolve("sessions/sess-prior/ralph-state.json"),
        "{\"active\":true,\"current_phase\":\"executing\",\"owner_codex_session_id\":\"codex-1\","
            + "\"updated_at\":\""
            + java.time.Instant.now()
            + "\"}");
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    pluginJar(plugins.resolve("fixed.jar"));
    Map<String, String> env =
        Map.of(
            "OMX_SESSION_ID", "sess-current",
            // tmux-tty calls ttyname through JNA before it gives up (the child has no terminal).
            "RALPH_RESUME_PANE_LOCATORS", "tmux-tty,fixed",
            "RALPH_RESUME_PLUGIN_PATH", plugins.toString(),
            "FIXED_PANE", "%55");

    Result explain =
        java(
            env,
            "-m",
            CLI + "/" + CLI + ".Main",
            "explain",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");
    Result reconcile =
        java(
            env,
            "-m",
            CLI + "/" + CLI + ".Main",
            "reconcile",
            "--state-dir",
            stateDir.toString(),
            "--codex-session-id",
            "codex-1",
            "--json");

    assertEquals(0, explain.status, explain.err);
    assertEquals("", explain.err);
    assertTrue(
        explain.out.contains("tmux-tty: stdin, stdout and stderr are not terminals"), explain.out);
    assertTrue(explain.out.contains("\"%55\""), explain.out);
    assertEquals(0, reconcile.status, reconcile.err);
    assertEquals("", reconcile.err);
    assertTrue(reconcile.out.contains("\"resumed\":true"), reconcile.out);
    assertTrue(
        Files.readString(stateDir.resolve("sessions/sess-current/ralph-state.json"))
            .contains("\"tmux_pane_id\": \"%55\""));
  }

  @Test
  void theServiceStartsOnTheModulePath() throws Exception {
    Result help = java(Map.of(), "-m", HTTP + "/" + HTTP + ".HttpMain", "--help");

    assertEquals(0, help.status, help.err);
    assertTrue(help.out.contains("--state-dir"), help.out);
  }

  private record Result(int status, String out, String err) {}

  private static Result java(Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xshare:auto");
    command.add("-XX:TieredStopAtLevel=1");
    command.add("--module-path");
    command.add(
        modulePath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("java " + String.join(" ", args) + " did not finish in 60 s");
    }
    return new Result(
        process.exitValue(),
        new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  /** A jar with {@link FixedPaneLocatorProvider}'s class file and its registration. */
  private static void pluginJar(Path jar) throws IOException {
    String classFile = FixedPaneLocatorProvider.class.getName().replace('.', '/') + ".class";
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file);
        InputStream bytes =
            FixedPaneLocatorProvider.class.getClassLoader().getResourceAsStream(classFile)) {
      out.putNextEntry(new JarEntry(classFile));
      bytes.transferTo(out);
      out.closeEntry();
      out.putNextEntry(new JarEntry("META-INF/services/" + TMUX + ".PaneLocatorProvider"));
      out.write((FixedPaneLocatorProvider.class.getName() + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
  }
}
