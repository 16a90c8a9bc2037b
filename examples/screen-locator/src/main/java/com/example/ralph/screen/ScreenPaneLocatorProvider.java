package com.example.ralph.screen;

import io.github.ralphresume.adapters.tmux.PaneLocatorProvider;
import io.github.ralphresume.adapters.tmux.PaneLookupSettings;
import io.github.ralphresume.domain.port.PaneLocator;

/**
 * Contributes the {@code screen} pane locator. Registered in {@code
 * META-INF/services/io.github.ralphresume.adapters.tmux.PaneLocatorProvider}; enable it with e.g.
 * {@code RALPH_RESUME_PANE_LOCATORS=tmux-env,screen} and {@code --plugin-path DIR}.
 */
public final class ScreenPaneLocatorProvider implements PaneLocatorProvider {
  /** Setting naming the screen binary (a path, or a name looked up on {@code PATH}). */
  public static final String SCREEN_BIN = "RALPH_RESUME_SCREEN_BIN";

  /** {@link java.util.ServiceLoader} needs a public no-argument constructor. */
  public ScreenPaneLocatorProvider() {}

  @Override
  public String name() {
    return "screen";
  }

  @Override
  public PaneLocator create(PaneLookupSettings settings) {
    String binary = settings.get(SCREEN_BIN).map(String::trim).filter(s -> !s.isEmpty())
        .orElse("screen");
    return new ScreenPaneLocator(binary, settings.timeout());
  }
}
