package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.model.Environment;
import io.github.ralphresume.domain.model.PaneId;
import io.github.ralphresume.domain.port.PaneLocator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/**
 * Entry point for the apps: the {@link PaneLocator} to use, assembled from the {@link
 * PaneLocatorProvider}s found with {@link ServiceLoader}, in the order of {@value
 * PaneLookupSettings#PANE_LOCATORS} (default {@code tmux-env,tmux-tty,tmux-ancestry}).
 *
 * <p>Whenever {@code TMUX_PANE} is set the answer is the reference's {@code resolveCodexPane() ||
 * TMUX_PANE}; the terminal and process-tree fallbacks only look when it is absent or empty.
 *
 * @since 0.1.0
 */
public final class PaneLocators {
  private PaneLocators() {}

  /**
   * The standard locator, with plugins visible to this library's class loader.
   *
   * @param settings usually {@code System.getenv()}: reads {@value PaneLookupSettings#TMUX_BIN},
   *     {@value PaneLookupSettings#TMUX_SOCKET}, {@value PaneLookupSettings#PANE_LOCATORS}, {@code
   *     PATH} and {@code TMUX_PANE}
   * @return the locator, an {@link ExplainingPaneLocator}
   */
  public static PaneLocator standard(Map<String, String> settings) {
    return standard(settings, PaneLocators.class.getClassLoader());
  }

  /**
   * The standard locator, with plugins looked up through {@code plugins}. Never throws for a
   * misconfiguration: unknown names and broken plugins are left out and reported in the notes of
   * {@link #explain}.
   *
   * @param settings as for {@link #standard(Map)}
   * @param plugins the class loader {@link ServiceLoader} looks for {@link PaneLocatorProvider}s
   *     through, e.g. one from {@link PluginClassLoaders#of}
   * @return the locator, an {@link ExplainingPaneLocator}
   */
  public static PaneLocator standard(Map<String, String> settings, ClassLoader plugins) {
    return standard(settings, plugins, problem -> {});
  }

  /**
   * The standard locator, with plugins looked up through {@code plugins}, telling {@code problems}
   * about broken plugins as they show up. Never throws for a misconfiguration or a broken plugin: a
   * provider that cannot be loaded, named or created is left out, and a locator that throws during
   * a lookup is passed over. Each such problem is reported once to {@code problems} (one line,
   * without a trailing newline) and also kept in the notes of {@link #explain}. Unknown names in
   * {@value PaneLookupSettings#PANE_LOCATORS} are only noted.
   *
   * @param settings as for {@link #standard(Map)}
   * @param plugins the class loader {@link ServiceLoader} looks for {@link PaneLocatorProvider}s
   *     through, e.g. one from {@link PluginClassLoaders#of}
   * @param problems told about broken plugins, e.g. to print them on stderr
   * @return the locator, an {@link ExplainingPaneLocator}
   */
  public static PaneLocator standard(
      Map<String, String> settings, ClassLoader plugins, Consumer<String> problems) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(plugins, "plugins");
    Objects.requireNonNull(problems, "problems");
    PaneLookupSettings lookupSettings = PaneLookupSettings.from(settings);
    List<String> notes = new ArrayList<>();
    Consumer<String> problem =
        line -> {
          notes.add(line);
          problems.accept(line);
        };
    Map<String, PaneLocatorProvider> providers = discover(plugins, notes, problem);
    List<PaneLocatorChain.Link> links = new ArrayList<>();
    for (String name : lookupSettings.locatorOrder()) {
      PaneLocatorProvider provider = providers.get(name);
      if (provider == null) {
        notes.add(
            PaneLookupSettings.PANE_LOCATORS
                + ": unknown pane locator "
                + Notes.quoted(name)
                + " (known: "
                + String.join(", ", providers.keySet())
                + "); skipped");
        continue;
      }
      try {
        PaneLocator locator = provider.create(lookupSettings);
        if (locator != null) {
          links.add(new PaneLocatorChain.Link(name, locator));
        } else {
          problem.accept(
              "pane locator "
                  + Notes.quoted(name)
                  + " ("
                  + provider.getClass().getName()
                  + ") created no locator; skipped");
        }
      } catch (RuntimeException | LinkageError e) {
        problem.accept(
            "pane locator "
                + Notes.quoted(name)
                + " ("
                + provider.getClass().getName()
                + ") cannot be created: "
                + Notes.failure(e)
                + "; skipped");
      }
    }
    return new PaneLocatorChain(links, notes, problems);
  }

  /**
   * The lookup with its remarks: the locator's own when it is an {@link ExplainingPaneLocator} (as
   * {@link #standard} returns), otherwise just its answer.
   *
   * @param locator any locator
   * @param environment the environment to look in
   * @return the pane found, if any, and the remarks
   */
  public static PaneLookup explain(PaneLocator locator, Environment environment) {
    if (locator instanceof ExplainingPaneLocator explaining) {
      PaneLookup lookup = explaining.lookup(environment);
      return lookup == null ? PaneLookup.none(List.of()) : lookup;
    }
    Optional<PaneId> pane = locator.locate(environment);
    return new PaneLookup(pane == null ? Optional.empty() : pane, List.of());
  }

  /**
   * A one-line warning when the environment's {@code TMUX_PANE} is set but is not a pane id ({@code
   * %} and digits), e.g. to print before a reconcile; empty when it is fine or unset.
   *
   * @param environment the environment whose {@code TMUX_PANE} is checked
   * @return the warning, or empty
   */
  public static Optional<String> tmuxPaneProblem(Environment environment) {
    return TmuxPaneSources.problem(TmuxPaneSources.envPane(environment));
  }

  private static Map<String, PaneLocatorProvider> discover(
      ClassLoader loader, List<String> notes, Consumer<String> problem) {
    Map<String, PaneLocatorProvider> providers = new LinkedHashMap<>();
    Iterator<PaneLocatorProvider> found =
        ServiceLoader.load(PaneLocatorProvider.class, loader).iterator();
    while (true) {
      PaneLocatorProvider provider;
      try {
        if (!found.hasNext()) break;
        provider = found.next();
      } catch (ServiceConfigurationError | LinkageError e) {
        // A broken plugin jar costs its own locator, not the lookup.
        problem.accept("cannot load a pane locator plugin: " + Notes.failure(e) + "; skipped");
        continue;
      }
      String name;
      try {
        name = provider.name();
      } catch (RuntimeException | LinkageError e) {
        problem.accept(
            "pane locator plugin "
                + provider.getClass().getName()
                + " has no name: "
                + Notes.failure(e)
                + "; skipped");
        continue;
      }
      if (name == null || name.isBlank()) continue;
      String key = name.trim().toLowerCase(java.util.Locale.ROOT);
      PaneLocatorProvider earlier = providers.putIfAbsent(key, provider);
      if (earlier != null && earlier.getClass() != provider.getClass()) {
        problem.accept(
            "pane locator "
                + Notes.quoted(key)
                + " is provided twice; using "
                + earlier.getClass().getName()
                + ", not "
                + provider.getClass().getName());
      }
    }
    return providers;
  }
}
