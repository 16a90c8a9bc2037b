package io.github.ralphresume.adapters.tmux;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.jar.JarFile;

/**
 * Builds the class loader plugins are found through: every {@code *.jar} of the plugin directories,
 * on top of the application's own class loader. Hand the result to {@link
 * PaneLocators#standard(java.util.Map, ClassLoader, Consumer)}; a {@link PaneLocatorProvider}
 * registered in a jar's {@code META-INF/services} then takes part in the order of {@value
 * PaneLookupSettings#PANE_LOCATORS}.
 *
 * <p>Nothing here throws for a bad plugin path: a directory that does not exist and a jar that
 * cannot be read are reported to {@code problems}, one line each, and left out.
 *
 * @since 0.1.0
 */
public final class PluginClassLoaders {
  /**
   * Setting naming the plugin directories (separated by {@link File#pathSeparator}), for
   * applications that take them from the environment.
   */
  public static final String PLUGIN_PATH = "RALPH_RESUME_PLUGIN_PATH";

  private PluginClassLoaders() {}

  /**
   * A class loader over the plugin jars of {@code pluginPath}.
   *
   * @param pluginPath directories holding plugin jars, separated by {@link File#pathSeparator}; a
   *     jar file may be named directly too. Null or blank for none.
   * @param parent the application's class loader, which the plugins' own loader delegates to first
   *     (so plugins see the same {@code PaneLocatorProvider} as the application)
   * @param problems told, one line each, about directories that do not exist and jars that cannot
   *     be read; those are left out
   * @return {@code parent} itself when there is no plugin jar, otherwise a new {@link
   *     URLClassLoader} over the jars, in file-name order within each directory; it stays open for
   *     the life of the application
   */
  public static ClassLoader of(String pluginPath, ClassLoader parent, Consumer<String> problems) {
    Objects.requireNonNull(parent, "parent");
    Objects.requireNonNull(problems, "problems");
    List<URL> jars = new ArrayList<>();
    if (pluginPath != null) {
      for (String entry : pluginPath.split(File.pathSeparator, -1)) {
        if (!entry.isBlank()) addJars(entry.trim(), jars, problems);
      }
    }
    if (jars.isEmpty()) return parent;
    return new URLClassLoader("ralph-resume-plugins", jars.toArray(new URL[0]), parent);
  }

  private static void addJars(String entry, List<URL> jars, Consumer<String> problems) {
    Path path;
    try {
      path = Path.of(entry);
    } catch (InvalidPathException invalid) {
      problems.accept("plugin path " + Notes.quoted(entry) + " is not a valid path; ignored");
      return;
    }
    if (Files.isRegularFile(path)) {
      addJar(path, jars, problems);
      return;
    }
    if (!Files.isDirectory(path)) {
      problems.accept(
          "plugin directory "
              + Notes.oneLine(entry)
              + (Files.exists(path) ? " is not a directory" : " does not exist")
              + "; no plugins loaded from it");
      return;
    }
    List<Path> found = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(path, "*.jar")) {
      entries.forEach(found::add);
    } catch (IOException | RuntimeException unreadable) {
      problems.accept(
          "plugin directory "
              + Notes.oneLine(entry)
              + " cannot be listed ("
              + Notes.oneLine(String.valueOf(unreadable))
              + "); no plugins loaded from it");
      return;
    }
    found.sort(null);
    for (Path jar : found) {
      if (Files.isRegularFile(jar)) addJar(jar, jars, problems);
    }
  }

  private static void addJar(Path jar, List<URL> jars, Consumer<String> problems) {
    // Opened once here, so a truncated or unreadable jar is named now instead of being skipped
    // silently by the class loader later.
    try (JarFile ignored = new JarFile(jar.toFile())) {
      jars.add(jar.toAbsolutePath().normalize().toUri().toURL());
    } catch (IOException | SecurityException unreadable) {
      problems.accept(
          "plugin jar "
              + Notes.oneLine(jar.toString())
              + " cannot be read ("
              + Notes.oneLine(String.valueOf(unreadable))
              + "); skipped");
    }
  }
}
