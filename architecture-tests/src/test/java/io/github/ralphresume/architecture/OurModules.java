package io.github.ralphresume.architecture;

import java.io.File;
import java.lang.module.FindException;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The modules on this test's class path, as the module system sees their jars (or, when Maven stops
 * before {@code package}, their exploded {@code target/classes}).
 */
final class OurModules {
  static final String PREFIX = "io.github.ralphresume.";

  /** Every module of the build, in dependency order. */
  static final List<String> ALL =
      List.of(
          PREFIX + "domain",
          PREFIX + "adapters.fs",
          PREFIX + "adapters.tmux",
          PREFIX + "app.cli",
          PREFIX + "app.http");

  private OurModules() {}

  /**
   * Every class-path entry that is a module (explicit or automatic), by module name; the first
   * entry wins, as on a module path.
   */
  static Map<String, ModuleReference> onClassPath() {
    Map<String, ModuleReference> modules = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (entry.isBlank()) continue;
      try {
        for (ModuleReference module : ModuleFinder.of(Path.of(entry)).findAll()) {
          modules.putIfAbsent(module.descriptor().name(), module);
        }
      } catch (FindException notAModule) {
        // A jar whose derived automatic-module name is invalid: never one of ours or theirs.
      }
    }
    return modules;
  }

  static ModuleReference named(String name) {
    return Optional.ofNullable(onClassPath().get(name))
        .orElseThrow(() -> new AssertionError("module " + name + " is not on the class path"));
  }

  /** {@code io.github.ralphresume.adapters.fs} → {@code ralph-resume-adapters-fs}. */
  static String artifactId(String moduleName) {
    return "ralph-resume-" + moduleName.substring(PREFIX.length()).replace('.', '-');
  }

  static Path location(ModuleReference module) {
    return Path.of(module.location().orElseThrow());
  }

  static List<Path> locations(Iterable<ModuleReference> modules) {
    List<Path> paths = new ArrayList<>();
    modules.forEach(module -> paths.add(location(module)));
    return paths;
  }
}
