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
   */
  public static PaneLocator standard(Map<String, String> settings) {
    return standard(settings, PaneLocators.class.getClassLoader());
  }

  /**
   * The standard locator, with plugins looked up through {@code plugins}. Never throws for a
   * misconfiguration: unknown names and broken plugins are left out and reported in the notes of
   * {@link #explain}.
   */
  public static PaneLocator standard(Map<String, String> settings, ClassLoader plugins) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(plugins, "plugins");
    PaneLookupSettings lookupSettings = PaneLookupSettings.from(settings);
    List<String> notes = new ArrayList<>();
    Map<String, PaneLocatorProvider> providers = discover(plugins, notes);
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
        if (locator != null) links.add(new PaneLocatorChain.Link(name, locator));
      } catch (RuntimeException | LinkageError e) {
        notes.add(name + ": cannot be created: " + Notes.oneLine(String.valueOf(e)));
      }
    }
    return new PaneLocatorChain(links, notes);
  }

  /**
   * The lookup with its remarks: the locator's own when it is an {@link ExplainingPaneLocator} (as
   * {@link #standard} returns), otherwise just its answer.
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
   */
  public static Optional<String> tmuxPaneProblem(Environment environment) {
    return TmuxPaneSources.problem(TmuxPaneSources.envPane(environment));
  }

  private static Map<String, PaneLocatorProvider> discover(ClassLoader loader, List<String> notes) {
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
        notes.add("cannot load a pane locator plugin: " + Notes.oneLine(String.valueOf(e)));
        continue;
      }
      String name;
      try {
        name = provider.name();
      } catch (RuntimeException | LinkageError e) {
        notes.add(provider.getClass().getName() + ": no name: " + Notes.oneLine(String.valueOf(e)));
        continue;
      }
      if (name == null || name.isBlank()) continue;
      String key = name.trim().toLowerCase(java.util.Locale.ROOT);
      PaneLocatorProvider earlier = providers.putIfAbsent(key, provider);
      if (earlier != null && earlier.getClass() != provider.getClass()) {
        notes.add(
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
