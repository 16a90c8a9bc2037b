package io.github.ralphresume.adapters.tmux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.testing.plugin.FixedPaneLocatorProvider;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plugin jars dropped in a directory, good and broken, as the apps load them. */
class PluginClassLoadersTest {
  static final Map<String, String> SETTINGS =
      Map.of(
          PaneLookupSettings.PANE_LOCATORS,
          "exploding,failing-create,fixed,env",
          "FIXED_PANE",
          "%77");

  @TempDir Path plugins;
  final List<String> problems = new ArrayList<>();
  final ClassLoader app = getClass().getClassLoader();

  @Test
  void givenNoPluginPath_of_returnsTheParent() {
    assertSame(app, PluginClassLoaders.of(null, app, problems::add));
    assertSame(app, PluginClassLoaders.of("  ", app, problems::add));
    assertEquals(List.of(), problems);
  }

  @Test
  void givenEmptyDirectory_of_returnsTheParentQuietly() {
    assertSame(app, PluginClassLoaders.of(plugins.toString(), app, problems::add));
    assertEquals(List.of(), problems);
  }

  @Test
  void givenAPluginJar_itsLocatorTakesPartInTheOrder() throws IOException {
    jar("fixed.jar", FixedPaneLocatorProvider.class.getName());

    ClassLoader loader = PluginClassLoaders.of(plugins.toString(), app, problems::add);

    assertInstanceOf(URLClassLoader.class, loader);
    assertSame(app, loader.getParent());
    PaneLookup lookup = lookup(loader);
    assertEquals(Optional.of(new PaneId("%77")), lookup.pane());
    assertEquals(List.of(), problems);
  }

  @Test
  void givenBrokenJars_eachIsReportedOnceAndTheRestStillWork() throws IOException {
    jar("a-missing-class.jar", "com.example.Missing");
    jar("b-exploding.jar", BrokenPaneLocatorProviders.ExplodingConstructor.class.getName());
    jar("c-failing-create.jar", BrokenPaneLocatorProviders.FailingCreate.class.getName());
    Files.writeString(plugins.resolve("d-truncated.jar"), "PK not really a zip");
    jar("e-fixed.jar", FixedPaneLocatorProvider.class.getName());

    ClassLoader loader = PluginClassLoaders.of(plugins.toString(), app, problems::add);
    PaneLookup lookup = lookup(loader);

    assertEquals(Optional.of(new PaneId("%77")), lookup.pane());
    assertEquals(4, problems.size(), problems::toString);
    assertTrue(
        problems
            .get(0)
            .startsWith("plugin jar " + plugins.resolve("d-truncated.jar") + " cannot be read ("),
        problems::toString);
    assertTrue(problems.get(0).endsWith("); skipped"), problems::toString);
    assertEquals(
        "cannot load a pane locator plugin: Provider com.example.Missing not found; skipped",
        problems.get(1));
    assertEquals(
        "cannot load a pane locator plugin: Provider "
            + BrokenPaneLocatorProviders.ExplodingConstructor.class.getName()
            + " could not be instantiated (java.lang.IllegalStateException: no config); skipped",
        problems.get(2));
    assertEquals(
        "pane locator \"failing-create\" ("
            + BrokenPaneLocatorProviders.FailingCreate.class.getName()
            + ") cannot be created: java.lang.UnsupportedOperationException: needs zellij 0.40;"
            + " skipped",
        problems.get(3));
    problems.forEach(problem -> assertTrue(!problem.contains("\n"), problem));
  }

  @Test
  void givenALocatorThatThrowsOnLookup_itIsReportedAndTheNextAnswers() throws IOException {
    jar("throwing.jar", ThrowingPaneLocatorProvider.class.getName());
    Map<String, String> settings = Map.of(PaneLookupSettings.PANE_LOCATORS, "throwing,env");

    ClassLoader loader = PluginClassLoaders.of(plugins.toString(), app, problems::add);
    Optional<PaneId> pane =
        PaneLocators.standard(settings, loader, problems::add)
            .locate(Environment.ofProcess(Map.of("TMUX_PANE", "%3")));

    assertEquals(Optional.of(new PaneId("%3")), pane);
    assertEquals(
        List.of("pane locator \"throwing\" failed: java.lang.IllegalStateException: boom; skipped"),
        problems);
  }

  @Test
  void givenMissingDirectoryAndAFile_of_reportsTheDirectoryAndTakesTheJar() throws IOException {
    Path jar = jar("fixed.jar", FixedPaneLocatorProvider.class.getName());
    Path missing = plugins.resolve("nope");

    ClassLoader loader =
        PluginClassLoaders.of(missing + File.pathSeparator + jar, app, problems::add);

    assertEquals(
        List.of("plugin directory " + missing + " does not exist; no plugins loaded from it"),
        problems);
    assertEquals(Optional.of(new PaneId("%77")), lookup(loader).pane());
  }

  private PaneLookup lookup(ClassLoader loader) {
    return PaneLocators.explain(
        PaneLocators.standard(SETTINGS, loader, problems::add),
        Environment.ofProcess(Map.of("TMUX_PANE", "%1")));
  }

  /** A plugin jar registering {@code providers}; their classes come from the test class path. */
  private Path jar(String name, String... providers) throws IOException {
    Path jar = plugins.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        JarOutputStream out = new JarOutputStream(file)) {
      out.putNextEntry(new JarEntry("META-INF/services/" + PaneLocatorProvider.class.getName()));
      out.write(
          (String.join("\n", Arrays.asList(providers)) + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    return jar;
  }
}
