package io.github.ralphresume.adapters.tmux;

import io.github.ralphresume.domain.port.PaneLocator;

/**
 * Service-provider interface: contributes one named {@link PaneLocator} to {@link
 * PaneLocators#standard}. Register an implementation in {@code
 * META-INF/services/io.github.ralphresume.adapters.tmux.PaneLocatorProvider} of your jar and add
 * its name to {@code RALPH_RESUME_PANE_LOCATORS}; the built-ins are {@code tmux-env}, {@code
 * tmux-tty}, {@code tmux-ancestry} and {@code env}.
 *
 * <p>Implementations need a public no-argument constructor, as {@link java.util.ServiceLoader}
 * requires.
 *
 * @since 0.1.0
 */
public interface PaneLocatorProvider {
  /**
   * The name used in {@code RALPH_RESUME_PANE_LOCATORS}.
   *
   * @return the name: lower case, no commas or spaces (it is trimmed and lower-cased anyway)
   */
  String name();

  /**
   * A locator for these settings. Called once per {@link PaneLocators#standard} call; the locator
   * it returns should return empty rather than throw when its multiplexer is missing.
   *
   * @param settings the settings of this lookup; {@link PaneLookupSettings#get} reads the
   *     provider's own
   * @return the locator; implement {@link ExplainingPaneLocator} to have remarks shown by {@code
   *     explain}
   */
  PaneLocator create(PaneLookupSettings settings);
}
